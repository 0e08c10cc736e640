-- The transparency ledger (issue 21): a Merkle tree over the ledger's entries as RFC 9162 defines
-- it (leaf = SHA-256(0x00 || the entry's canonical JSON), node = SHA-256(0x01 || left || right)).
-- Every perfect subtree is stored once complete, keyed by its last entry's sequence and its height
-- (height 0: the entry's leaf hash), so a root, an inclusion proof or a consistency proof reads
-- O(log n) rows. Rows are only ever inserted; the verifier re-computes them from the entries.
CREATE TABLE ledger_tree_node (
    seq    BIGINT   NOT NULL,
    height SMALLINT NOT NULL,
    hash   CHAR(64) NOT NULL,
    CONSTRAINT ledger_tree_node_pk PRIMARY KEY (seq, height)
);

-- How many entries the tree holds. Entries written before this migration are integrated by the
-- start-up backfill (io.keyflow.ledger.LedgerTree), under the head lock, in batches; from then on
-- every append integrates its own entry. tree_size <= last_seq at all times.
ALTER TABLE ledger_head ADD COLUMN tree_size BIGINT DEFAULT 0 NOT NULL;

-- Signed tree heads: from checkpoint message version 3 on, a checkpoint also signs the tree's root
-- at its sequence (the tree size). Versions 1 and 2 keep a NULL root and verify as before.
ALTER TABLE ledger_checkpoint ADD COLUMN tree_root CHAR(64);
