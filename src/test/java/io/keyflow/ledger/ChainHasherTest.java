package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChainHasherTest {

  private static final String PREV = "ab".repeat(32);
  private static final Instant TIME = Instant.parse("2025-03-01T12:34:56.789Z");

  private static LedgerEntry entry(
      Instant time, String actor, String alias, Integer version, String details, String prev) {
    return new LedgerEntry(
        42,
        time,
        actor,
        "KEY_GENERATED",
        "3f1c2a7e-0000-4000-8000-000000000001",
        alias,
        "3f1c2a7e-0000-4000-8000-000000000002",
        version,
        "pi-42",
        details,
        prev,
        null);
  }

  private static void hashesLikeTheSpecification(LedgerEntry entry) {
    assertThat(new ChainHasher().hash(entry))
        .as(entry.toString())
        .isEqualTo(CanonicalForm.referenceHash(entry));
  }

  @Test
  void hashesAPlainEntryExactlyAsTheCanonicalJsonSpecifies() {
    hashesLikeTheSpecification(
        entry(TIME, "alice", "payments-dek", 1, "{\"kcv\":\"A1B2C3\"}", PREV));
    assertThat(CanonicalForm.hash(entry(TIME, "alice", "payments-dek", 1, "{}", PREV)))
        .isEqualTo(
            CanonicalForm.referenceHash(entry(TIME, "alice", "payments-dek", 1, "{}", PREV)));
  }

  @Test
  void hashesEscapedNonAsciiAndNullValuesExactlyAsTheSpecification() {
    hashesLikeTheSpecification(
        entry(
            TIME, "a\"b\\c\nd\te\u0001 é€", "alias-é", null, "{\"reason\":\"Schlüssel €\"}", PREV));
    hashesLikeTheSpecification(entry(null, null, null, null, null, null));
    hashesLikeTheSpecification(
        entry(
            TIME,
            "emoji \uD83D\uDD11 and a lone \uD800 surrogate",
            "x\uDC00",
            7,
            "{\"e\":\"\uD83D\uDD11\"}",
            "é" + PREV.substring(1)));
    hashesLikeTheSpecification(
        entry(TIME, "\u007f\u0080\u00ff\u0000", "\u001f", 0, "{\"a\":\"\\u0000\"}", PREV));
  }

  @Test
  void hashesTimesOutsideTheMillisecondFastPathExactlyAsTheSpecification() {
    hashesLikeTheSpecification(
        entry(Instant.parse("2025-01-02T03:04:05.120400Z"), "alice", "a", 1, "{}", PREV));
    hashesLikeTheSpecification(
        entry(Instant.parse("2025-01-02T03:04:05.000000001Z"), "alice", "a", 1, "{}", PREV));
    hashesLikeTheSpecification(
        entry(Instant.parse("+12025-01-02T03:04:05.123Z"), "alice", "a", 1, "{}", PREV));
    hashesLikeTheSpecification(
        entry(Instant.parse("-0001-12-31T23:59:59Z"), "alice", "a", 1, "{}", PREV));
    hashesLikeTheSpecification(
        entry(Instant.parse("0000-01-01T00:00:00.001Z"), "alice", "a", 1, "{}", PREV));
    hashesLikeTheSpecification(
        entry(Instant.parse("1970-01-01T00:00:00Z"), "alice", "a", 1, "{}", PREV));
    hashesLikeTheSpecification(
        entry(Instant.parse("9999-12-31T23:59:59.999Z"), "alice", "a", 1, "{}", PREV));
  }

  @Test
  void oneHasherReusedAcrossManyRandomEntriesAgreesWithTheSpecificationEveryTime() {
    Random random = new Random(12);
    ChainHasher hasher = new ChainHasher();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String details =
          "{\"n\":\""
              + text(random, random.nextInt(i % 50 == 0 ? 3000 : 60))
                  .replace("\\", "")
                  .replace("\"", "")
              + "\"}";
      LedgerEntry entry =
          new LedgerEntry(
              random.nextLong(),
              Instant.ofEpochSecond(
                  random.nextInt(2_000_000_000),
                  random.nextInt(4) == 0
                      ? random.nextInt(1_000_000_000)
                      : random.nextInt(1000) * 1_000_000),
              text(random, 12),
              text(random, 20),
              text(random, 36),
              text(random, 30),
              random.nextBoolean() ? null : text(random, 36),
              random.nextBoolean() ? null : random.nextInt(),
              text(random, 10),
              details,
              text(random, 64),
              null);
      if (!hasher.hash(entry).equals(CanonicalForm.referenceHash(entry))) {
        mismatches.add(entry.toString());
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** Mostly ASCII, with escapes, Latin-1, other BMP characters and surrogate pairs mixed in. */
  private static String text(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(20);
      text.append(
          switch (kind) {
            case 0 -> (char) random.nextInt(0x20);
            case 1 -> '"';
            case 2 -> '\\';
            case 3 -> (char) (0x80 + random.nextInt(0x80));
            case 4 -> "€";
            case 5 -> "\uD83D\uDD11";
            default -> (char) (0x20 + random.nextInt(0x5f));
          });
    }
    return text.toString();
  }
}
