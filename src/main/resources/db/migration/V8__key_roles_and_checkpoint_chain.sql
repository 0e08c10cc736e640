-- Least-privilege usage (issue 10 part 2): the software vault records each key's role, which fixes
-- what the key may do (data keys encrypt/decrypt, key-wrapping keys wrap/unwrap, signing keys
-- sign). New rows bind the role into the GCM AAD of their sealed material; rows from before this
-- migration keep a NULL role and their old AAD, and a storage attestation reports their usage.
ALTER TABLE software_vault_key ADD COLUMN role VARCHAR(16);

-- Chained checkpoints (issue 10 part 3): from message version 2 on, each signed statement includes
-- the previous checkpoint's sequence (0 for the first) and the SHA-256 of its signature, as
-- CloudTrail digests include the previous digest's signature, so a deleted, replaced or reordered
-- checkpoint is detected. Checkpoints signed before keep message version 1 and no link.
ALTER TABLE ledger_checkpoint ADD COLUMN message_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE ledger_checkpoint ADD COLUMN previous_seq BIGINT;
ALTER TABLE ledger_checkpoint ADD COLUMN previous_signature_sha256 CHAR(64);

-- A checkpoint has at most one successor: two nodes signing at once cannot fork the chain.
CREATE UNIQUE INDEX ledger_checkpoint_previous ON ledger_checkpoint (previous_seq);
