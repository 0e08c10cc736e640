-- Keyflow audit ledger: an append-only, hash-chained record of every key lifecycle event.
-- Portable between H2 (MODE=LEGACY) and PostgreSQL 15. Rows are only ever inserted by
-- io.keyflow.ledger.Ledger; io.keyflow.ledger.LedgerVerifier detects any later change.

CREATE TABLE ledger_entry (
    seq                 BIGINT       NOT NULL PRIMARY KEY,
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor               VARCHAR(128) NOT NULL,
    action              VARCHAR(64)  NOT NULL,
    key_id              VARCHAR(36),
    key_alias           VARCHAR(128),
    version_id          VARCHAR(36),
    version_number      INTEGER,
    process_instance_id VARCHAR(64),
    details             TEXT         NOT NULL,
    prev_hash           CHAR(64)     NOT NULL,
    hash                CHAR(64)     NOT NULL
);

CREATE INDEX ledger_entry_key_alias ON ledger_entry (key_alias, seq);
CREATE INDEX ledger_entry_key_id ON ledger_entry (key_id, seq);
CREATE INDEX ledger_entry_process_instance ON ledger_entry (process_instance_id, seq);

-- The chain's head and the append lock: every append locks this one row (SELECT ... FOR UPDATE),
-- so appends from all threads and all nodes on one database form a single chain. It also lets
-- the verifier notice entries deleted from the end of the chain.
CREATE TABLE ledger_head (
    id        INTEGER  NOT NULL PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL,
    CONSTRAINT ledger_head_single_row CHECK (id = 1)
);

INSERT INTO ledger_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
