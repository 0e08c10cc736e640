package io.keyflow.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds correctly hashed chains in memory. */
final class LedgerFixtures {

  static final Instant START = Instant.parse("2025-06-01T08:00:00.000Z");

  private LedgerFixtures() {}

  static List<LedgerEntry> chain(int length) {
    List<LedgerEntry> entries = new ArrayList<>();
    String prevHash = CanonicalForm.GENESIS_HASH;
    for (int seq = 1; seq <= length; seq++) {
      LedgerEntry entry =
          hashed(
              new LedgerEntry(
                  seq,
                  START.plusSeconds(seq),
                  "user-" + seq,
                  LedgerAction.values()[seq % LedgerAction.values().length].name(),
                  "00000000-0000-4000-8000-" + String.format("%012d", seq),
                  "alias-" + (seq % 3),
                  "10000000-0000-4000-8000-" + String.format("%012d", seq),
                  seq,
                  "pi-" + seq,
                  "{\"n\":" + seq + "}",
                  prevHash,
                  null));
      entries.add(entry);
      prevHash = entry.hash();
    }
    return entries;
  }

  static LedgerHead headOf(List<LedgerEntry> entries) {
    return entries.isEmpty()
        ? new LedgerHead(0, CanonicalForm.GENESIS_HASH)
        : new LedgerHead(entries.size(), entries.get(entries.size() - 1).hash());
  }

  static LedgerEntry hashed(LedgerEntry e) {
    return withHash(e, CanonicalForm.hash(e));
  }

  static LedgerEntry withHash(LedgerEntry e, String hash) {
    return new LedgerEntry(
        e.seq(),
        e.recordedAt(),
        e.actor(),
        e.action(),
        e.keyId(),
        e.keyAlias(),
        e.versionId(),
        e.versionNumber(),
        e.processInstanceId(),
        e.detailsJson(),
        e.prevHash(),
        hash);
  }
}
