-- Signed checkpoints of the ledger: at intervals the head (last sequence and hash) is signed with
-- the audit signing key, which lives in the HSM. Rewriting the chain and its head then still
-- breaks every checkpoint signature made before the rewrite.
CREATE TABLE ledger_checkpoint (
    seq                 BIGINT       NOT NULL PRIMARY KEY,
    entry_hash          CHAR(64)     NOT NULL,
    signed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    signing_key_id      VARCHAR(36)  NOT NULL,
    signature_algorithm VARCHAR(32)  NOT NULL,
    signature           VARCHAR(1024) NOT NULL
);
