-- Key custodians (PCI DSS 3.6.1.3, 3.7.8). Camunda identity keeps no history of group membership,
-- so the custodian sweep keeps the membership it last saw here and writes every change it sees to
-- the ledger (ROLE_MEMBERSHIP_CHANGED). The ledger is the record; these tables are its index.

CREATE TABLE custodian_role_member (
    group_id   VARCHAR(64)  NOT NULL,
    member     VARCHAR(128) NOT NULL,
    seen_since TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (group_id, member)
);

-- Each custodian's latest written acknowledgement of their responsibilities.
CREATE TABLE custodian_acknowledgement (
    custodian       VARCHAR(128) NOT NULL PRIMARY KEY,
    acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    text_sha256     CHAR(64)     NOT NULL,
    ledger_seq      BIGINT       NOT NULL
);
