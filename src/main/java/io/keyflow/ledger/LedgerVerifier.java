package io.keyflow.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Re-computes the hash chain and pinpoints the first entry that was altered, removed, moved or
 * forged.
 *
 * <p>Checks, in sequence order: sequences run 1, 2, 3, … without gaps (a missing row is named by
 * the first missing seq); each {@code prevHash} equals the previous entry's hash (the genesis hash
 * for seq 1); each {@code hash} re-computes from the entry's {@link CanonicalForm}; and the head
 * names the last entry, so rows deleted from the end, and rows added beyond the head, are found.
 *
 * <p>Which entry is named: a row whose content was edited without re-hashing fails its own hash
 * check and is named itself. A row rewritten together with its hash breaks the link to its
 * successor, which is then named (the chain alone cannot tell which side of a broken link was
 * changed). A forger who rewrites every later hash and the head defeats any hash chain; signed
 * checkpoints anchor the head against that.
 */
final class LedgerVerifier {

  private LedgerVerifier() {}

  /** Verifies entries given in ascending seq order against the recorded head (null: missing). */
  public static LedgerVerification verify(Iterator<LedgerEntry> entries, LedgerHead head) {
    Chain chain = new Chain(0, CanonicalForm.GENESIS_HASH);
    while (entries.hasNext()) {
      LedgerVerification failure = chain.accept(entries.next());
      if (failure != null) {
        return failure;
      }
    }
    return chain.finish(head);
  }

  /**
   * Verifies the ledger tables reachable through {@code connection}, reading entries page by page.
   *
   * <p>Appends may go on meanwhile: they only ever add entries after the head, and commit in seq
   * order (the head lock is held to commit). So when the head read after the entries is ahead of
   * them, the entries appended since are read and the head checked again; only entries that are
   * still absent after the head named them are reported missing.
   */
  public static LedgerVerification verify(Connection connection) throws SQLException {
    return verify(connection, new Chain(0, CanonicalForm.GENESIS_HASH), Long.MIN_VALUE);
  }

  /**
   * Verifies the chain after a signed anchor (the previous checkpoint): the anchor entry must still
   * re-hash to the signed hash, and every later entry must link on from it up to the head. Entries
   * before the anchor were verified when the anchor was signed and are not read again.
   *
   * @param anchorSeq the anchor's sequence (at least 1)
   * @param anchorHash the hash the anchor signed for that entry
   */
  public static LedgerVerification verifySince(
      Connection connection, long anchorSeq, String anchorHash) throws SQLException {
    List<LedgerEntry> anchor = LedgerRows.page(connection, anchorSeq, 1);
    if (anchor.isEmpty() || anchor.get(0).seq() != anchorSeq) {
      return LedgerVerification.invalid(
          anchorSeq - 1,
          anchorSeq,
          "entry " + anchorSeq + ", which the previous checkpoint signed, is missing");
    }
    LedgerEntry entry = anchor.get(0);
    if (!Objects.equals(entry.hash(), anchorHash)) {
      return LedgerVerification.invalid(
          anchorSeq - 1,
          anchorSeq,
          "entry "
              + anchorSeq
              + " no longer has the hash the previous checkpoint signed: the chain was rewritten");
    }
    if (!Objects.equals(CanonicalForm.hash(entry), entry.hash())) {
      return LedgerVerification.invalid(
          anchorSeq - 1,
          anchorSeq,
          "hash mismatch: the entry's content differs from what was hashed");
    }
    return verify(connection, new Chain(anchorSeq, anchorHash), anchorSeq + 1);
  }

  private static LedgerVerification verify(Connection connection, Chain chain, long startSeq)
      throws SQLException {
    long fromSeq = startSeq;
    boolean firstPass = true;
    while (true) {
      long before = chain.verified;
      try (LedgerPages entries = new LedgerPages(connection, fromSeq)) {
        while (entries.hasNext()) {
          LedgerVerification failure = chain.accept(entries.next());
          if (failure != null) {
            return failure;
          }
        }
      }
      LedgerHead head = LedgerRows.readHead(connection);
      boolean caughtUp = !firstPass && chain.verified == before;
      firstPass = false;
      if (head == null || head.lastSeq() <= chain.lastSeq() || caughtUp) {
        return chain.finish(head);
      }
      fromSeq = chain.lastSeq() + 1;
    }
  }

  /** The running check: the next expected seq and the hash it must link to. */
  private static final class Chain {
    private long verified;
    private String lastHash;

    Chain(long verified, String lastHash) {
      this.verified = verified;
      this.lastHash = lastHash;
    }

    long lastSeq() {
      return verified;
    }

    LedgerVerification accept(LedgerEntry entry) {
      long expected = verified + 1;
      if (entry.seq() > expected) {
        return LedgerVerification.invalid(
            verified,
            expected,
            "entry "
                + expected
                + " is missing: the entry after "
                + (expected == 1 ? "the start" : "entry " + verified)
                + " is entry "
                + entry.seq());
      }
      if (entry.seq() < expected) {
        return LedgerVerification.invalid(
            verified,
            entry.seq(),
            "entry " + entry.seq() + " is out of order or duplicated (expected " + expected + ")");
      }
      if (!Objects.equals(entry.prevHash(), lastHash)) {
        return LedgerVerification.invalid(
            verified,
            entry.seq(),
            "prev_hash mismatch: it does not equal the hash of "
                + (expected == 1 ? "the genesis" : "entry " + verified));
      }
      if (!Objects.equals(CanonicalForm.hash(entry), entry.hash())) {
        return LedgerVerification.invalid(
            verified,
            entry.seq(),
            "hash mismatch: the entry's content differs from what was hashed");
      }
      verified = expected;
      lastHash = entry.hash();
      return null;
    }

    LedgerVerification finish(LedgerHead head) {
      if (head == null) {
        return LedgerVerification.invalid(verified, null, "the ledger_head row is missing");
      }
      if (head.lastSeq() > verified) {
        long missing = verified + 1;
        return LedgerVerification.invalid(
            verified,
            missing,
            (missing == head.lastSeq()
                    ? "entry " + missing + " is missing"
                    : "entries " + missing + " to " + head.lastSeq() + " are missing")
                + ": the head records "
                + head.lastSeq()
                + " entries but the chain ends at "
                + verified);
      }
      if (head.lastSeq() < verified) {
        return LedgerVerification.invalid(
            head.lastSeq(),
            head.lastSeq() + 1,
            "entry "
                + (head.lastSeq() + 1)
                + " lies beyond the head (last_seq "
                + head.lastSeq()
                + "): it was not appended through the ledger");
      }
      if (!Objects.equals(head.lastHash(), lastHash)) {
        return LedgerVerification.invalid(
            verified,
            verified == 0 ? null : verified,
            verified == 0
                ? "the head of the empty ledger does not hold the genesis hash"
                : "the head's hash does not match the hash of entry " + verified);
      }
      return LedgerVerification.ok(verified);
    }
  }
}
