-- Systems and key access grants (OP-PROC-001 4.3.2, section 8): which registered system may use
-- which key, for what, until when; each grant requested, approved by an officer who is not the
-- requester, enforced on every use and reviewed periodically. Portable between H2 (MODE=LEGACY) and
-- PostgreSQL 15. No column holds key material.

-- A recipient is a system that uses keys: who is responsible for it and what it is.
ALTER TABLE recipient ADD COLUMN owner VARCHAR(128);
ALTER TABLE recipient ADD COLUMN description VARCHAR(2000);

-- A system that only uses the crypto API may have no certificate (it then signs in only as the
-- key-user login of its name); the row's certificate columns show its newest live certificate, or
-- nothing. The certificates themselves are in system_certificate.
ALTER TABLE recipient ALTER COLUMN certificate_pem DROP NOT NULL;
ALTER TABLE recipient ALTER COLUMN certificate_sha256 DROP NOT NULL;
ALTER TABLE recipient ALTER COLUMN certificate_subject DROP NOT NULL;
ALTER TABLE recipient ALTER COLUMN certificate_not_before DROP NOT NULL;
ALTER TABLE recipient ALTER COLUMN certificate_not_after DROP NOT NULL;

-- The client certificates a system authenticates with (pinned by SHA-256 fingerprint). More than one
-- may be live at a time, so a system's certificate is rotated without downtime: the new one added,
-- the old one removed later. A fingerprint is never registered twice, not even after removal.
CREATE TABLE system_certificate (
    sha256       CHAR(64)       PRIMARY KEY,
    system_id    VARCHAR(36)    NOT NULL REFERENCES recipient (id),
    pem          VARCHAR(16384) NOT NULL,
    subject      VARCHAR(1024)  NOT NULL,
    not_before   TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after    TIMESTAMP WITH TIME ZONE NOT NULL,
    added_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by     VARCHAR(128)   NOT NULL,
    removed_at   TIMESTAMP WITH TIME ZONE,
    removed_by   VARCHAR(128),
    removal_reason VARCHAR(2000)
);
CREATE INDEX ix_system_certificate_system ON system_certificate (system_id);

-- Every recipient registered before keeps its certificate as its first live one.
INSERT INTO system_certificate (sha256, system_id, pem, subject, not_before, not_after, added_at, added_by)
    SELECT certificate_sha256, id, certificate_pem, certificate_subject, certificate_not_before,
           certificate_not_after, registered_at, registered_by
      FROM recipient;

-- A named set of keys, for a system that needs many: a grant on the group covers its members.
CREATE TABLE key_group (
    name         VARCHAR(64)    PRIMARY KEY,
    environment  VARCHAR(16)    NOT NULL,
    description  VARCHAR(2000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(128)   NOT NULL
);

CREATE TABLE key_group_member (
    group_name   VARCHAR(64)    NOT NULL REFERENCES key_group (name),
    key_id       VARCHAR(36)    NOT NULL REFERENCES managed_key (id),
    added_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by     VARCHAR(128)   NOT NULL,
    CONSTRAINT pk_key_group_member PRIMARY KEY (group_name, key_id)
);
CREATE INDEX ix_key_group_member_key ON key_group_member (key_id);

-- One grant: a system, a key (or a key group), operations, an expiry. state is REQUESTED while the
-- approval runs, then ACTIVE, and ends as EXPIRED, REVOKED or ENDED (system revoked, key destroyed);
-- REJECTED and REFUSED never became active. operations is a comma-separated list of lower-case
-- operation names (encrypt,decrypt,...); create_allowance / create_purpose bound `create`.
CREATE TABLE key_access_grant (
    id                  VARCHAR(36)    PRIMARY KEY,
    system_id           VARCHAR(36)    NOT NULL REFERENCES recipient (id),
    system_name         VARCHAR(64)    NOT NULL,
    key_id              VARCHAR(36)    REFERENCES managed_key (id),
    key_alias           VARCHAR(64),
    key_group           VARCHAR(64)    REFERENCES key_group (name),
    operations          VARCHAR(256)   NOT NULL,
    create_allowance    INTEGER,
    create_purpose      VARCHAR(32),
    created_count       INTEGER        DEFAULT 0 NOT NULL,
    state               VARCHAR(16)    NOT NULL,
    justification       VARCHAR(2000)  NOT NULL,
    requested_by        VARCHAR(128)   NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    approved_by         VARCHAR(128),
    approved_at         TIMESTAMP WITH TIME ZONE,
    request_seq         BIGINT,
    approval_seq        BIGINT,
    ended_at            TIMESTAMP WITH TIME ZONE,
    ended_by            VARCHAR(128),
    end_reason          VARCHAR(2000),
    last_reviewed_at    TIMESTAMP WITH TIME ZONE,
    last_review_id      VARCHAR(36),
    process_instance_id VARCHAR(64),
    CONSTRAINT ck_key_access_grant_target CHECK (
        (key_id IS NOT NULL AND key_group IS NULL) OR (key_id IS NULL AND key_group IS NOT NULL)
        OR (key_id IS NULL AND key_group IS NULL AND create_allowance IS NOT NULL))
);
CREATE INDEX ix_key_access_grant_system ON key_access_grant (system_id, state);
CREATE INDEX ix_key_access_grant_key ON key_access_grant (key_id, state);
CREATE INDEX ix_key_access_grant_group ON key_access_grant (key_group, state);

-- How each system used each key, per operation: totals, first and last use, refusals. Written in
-- batches from in-memory counters, never one row per call.
CREATE TABLE key_usage (
    system_name   VARCHAR(64)   NOT NULL,
    key_alias     VARCHAR(64)   NOT NULL,
    operation     VARCHAR(16)   NOT NULL,
    use_count     BIGINT        DEFAULT 0 NOT NULL,
    refused_count BIGINT        DEFAULT 0 NOT NULL,
    first_use     TIMESTAMP WITH TIME ZONE,
    last_use      TIMESTAMP WITH TIME ZONE,
    last_refused  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_key_usage PRIMARY KEY (system_name, key_alias, operation)
);

-- One periodic (or on-demand) access review: who reviewed, when, what was kept and what revoked.
CREATE TABLE access_review (
    id                  VARCHAR(36)    PRIMARY KEY,
    process_instance_id VARCHAR(64),
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    started_by          VARCHAR(128)   NOT NULL,
    grant_count         INTEGER        NOT NULL,
    completed_at        TIMESTAMP WITH TIME ZONE,
    completed_by        VARCHAR(128),
    kept_count          INTEGER,
    revoked_count       INTEGER,
    escalated_at        TIMESTAMP WITH TIME ZONE,
    ledger_seq          BIGINT
);
