package io.keyflow.ledger;

/**
 * A checkpoint was refused because the ledger does not verify since the previous checkpoint:
 * signing would vouch for a broken chain. A {@code LEDGER_INTEGRITY_FAILED} entry records it.
 */
public class LedgerIntegrityFailed extends RuntimeException {

  private final transient LedgerVerification verdict;

  LedgerIntegrityFailed(LedgerVerification verdict) {
    super(
        "The ledger checkpoint was not signed: "
            + (verdict.firstInvalidSequence() == null
                ? ""
                : "entry " + verdict.firstInvalidSequence() + " fails: ")
            + verdict.reason()
            + ". Investigate with GET /api/ledger/verify and restore the altered rows from a backup"
            + " before signing again.");
    this.verdict = verdict;
  }

  /** What the verification found. */
  public LedgerVerification verdict() {
    return verdict;
  }

  /** The first sequence that fails, or null when the head row itself is missing. */
  public Long firstInvalidSequence() {
    return verdict.firstInvalidSequence();
  }
}
