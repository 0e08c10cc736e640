package io.keyflow.evidence;

import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerVerification;

/** The ledger's verification when the pack was made: the hash chain and the signed checkpoints. */
record LedgerVerdict(LedgerVerification chain, CheckpointVerification checkpoints) {

  boolean valid() {
    return chain.valid() && checkpoints.valid();
  }

  /** The first bad sequence: the chain's when it breaks, else the first failed checkpoint's. */
  Long firstInvalidSequence() {
    return !chain.valid() ? chain.firstInvalidSequence() : checkpoints.firstInvalidCheckpoint();
  }

  String reason() {
    return !chain.valid() ? chain.reason() : checkpoints.reason();
  }

  /**
   * One line, e.g. {@code VALID: 120 entries, 3 signed checkpoints} or {@code INVALID at sequence
   * 7: …}.
   */
  String headline() {
    if (valid()) {
      return "VALID: "
          + chain.entries()
          + " entries re-hashed, "
          + checkpoints.checkpoints()
          + " signed checkpoints verified";
    }
    Long seq = firstInvalidSequence();
    return "INVALID" + (seq == null ? "" : " at sequence " + seq) + ": " + reason();
  }
}
