-- Rotation and destruction campaigns: one row per campaign and one per key (or key version) in it.
-- A projection for progress (Cockpit variables, /api/campaigns, the keyflow_campaign_keys gauge):
-- what a campaign may do is read from its ledger entries, never from these rows.

CREATE TABLE campaign (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    kind            VARCHAR(16)  NOT NULL,
    state           VARCHAR(24)  NOT NULL,
    requested_by    VARCHAR(128) NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    request_seq     BIGINT       NOT NULL,
    refused         INTEGER      NOT NULL,
    decided_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX campaign_requested_at ON campaign (requested_at);

CREATE TABLE campaign_item (
    campaign_id         VARCHAR(64)  NOT NULL,
    item                VARCHAR(160) NOT NULL,
    alias               VARCHAR(128) NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    process_instance_id VARCHAR(64),
    note                VARCHAR(2000),
    PRIMARY KEY (campaign_id, item)
);

CREATE INDEX campaign_item_state ON campaign_item (campaign_id, state);
CREATE INDEX campaign_item_alias ON campaign_item (alias, state);
