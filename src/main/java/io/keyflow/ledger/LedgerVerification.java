package io.keyflow.ledger;

/**
 * The verdict on the whole ledger.
 *
 * @param valid true when every entry re-hashes, links to its predecessor, sequences run 1…n without
 *     gaps, and the head names the last entry
 * @param entries how many entries verified, counting from seq 1 (all of them when valid)
 * @param firstInvalidSequence the first altered, missing, misplaced or forged entry's sequence;
 *     null when valid, or when the head row itself is missing
 * @param reason why the ledger is invalid, in words; null when valid
 */
public record LedgerVerification(
    boolean valid, long entries, Long firstInvalidSequence, String reason) {

  static LedgerVerification ok(long entries) {
    return new LedgerVerification(true, entries, null, null);
  }

  static LedgerVerification invalid(long entries, Long firstInvalidSequence, String reason) {
    return new LedgerVerification(false, entries, firstInvalidSequence, reason);
  }
}
