package io.keyflow.ledger;

import static io.keyflow.ledger.LedgerFixtures.chain;
import static io.keyflow.ledger.LedgerFixtures.hashed;
import static io.keyflow.ledger.LedgerFixtures.headOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerVerifierTest {

  private static final int LENGTH = 10;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, LENGTH})
  void acceptsAnUntouchedChainOfAnyLength(int length) {
    List<LedgerEntry> entries = chain(length);

    assertThat(verify(entries, headOf(entries))).isEqualTo(LedgerVerification.ok(length));
  }

  static Stream<Arguments> alterations() {
    List<Arguments> cases = new ArrayList<>();
    for (int seq : new int[] {1, 5, LENGTH}) {
      alter(cases, seq, "seq", e -> copy(e, e.seq() + 100, e.versionNumber(), e.detailsJson()));
      alter(cases, seq, "recordedAt +1 ms", e -> timed(e, e.recordedAt().plusMillis(1)));
      alter(cases, seq, "recordedAt +1 µs", e -> timed(e, e.recordedAt().plusNanos(1_000)));
      alter(cases, seq, "actor", e -> field(e, 0, "mallory"));
      alter(cases, seq, "action", e -> field(e, 1, LedgerAction.KEY_DESTROYED.name()));
      alter(cases, seq, "keyId", e -> field(e, 2, "00000000-0000-4000-8000-999999999999"));
      alter(cases, seq, "keyAlias", e -> field(e, 3, "other-key"));
      alter(cases, seq, "versionId", e -> field(e, 4, null));
      alter(cases, seq, "versionNumber", e -> copy(e, e.seq(), 99, e.detailsJson()));
      alter(cases, seq, "versionNumber null", e -> copy(e, e.seq(), null, e.detailsJson()));
      alter(cases, seq, "processInstanceId", e -> field(e, 5, "pi-forged"));
      alter(cases, seq, "details", e -> copy(e, e.seq(), e.versionNumber(), "{\"n\":-1}"));
      alter(
          cases,
          seq,
          "details whitespace",
          e -> copy(e, e.seq(), e.versionNumber(), "{ \"n\":" + e.seq() + "}"));
      alter(cases, seq, "prevHash", e -> field(e, 6, "f".repeat(64)));
      alter(cases, seq, "hash", e -> LedgerFixtures.withHash(e, "0".repeat(63) + "1"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "[{index}] {1} of entry {0}")
  @MethodSource("alterations")
  void detectsAnyAlteredFieldOfAnyEntryAndNamesItsSequence(
      int seq, String field, UnaryOperator<LedgerEntry> alteration) {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.set(seq - 1, alteration.apply(entries.get(seq - 1)));
    entries.sort(Comparator.comparingLong(LedgerEntry::seq)); // as the database reads them

    LedgerVerification result = verify(entries, head);

    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidSequence()).isEqualTo(seq);
    assertThat(result.entries()).isEqualTo(seq - 1);
  }

  @Test
  void detectsDeletedMiddleEntryAndNamesItsSequence() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.remove(4);

    LedgerVerification result = verify(entries, head);

    assertThat(result).isEqualTo(LedgerVerification.invalid(4, 5L, result.reason()));
    assertThat(result.reason()).isEqualTo("entry 5 is missing: the entry after entry 4 is entry 6");
  }

  @Test
  void detectsDeletedFirstEntry() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.remove(0);

    assertThat(verify(entries, head).firstInvalidSequence()).isEqualTo(1L);
  }

  @Test
  void detectsDeletedLastEntryThroughTheHead() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.remove(LENGTH - 1);

    LedgerVerification result = verify(entries, head);

    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidSequence()).isEqualTo(LENGTH);
    assertThat(result.reason()).startsWith("entry 10 is missing: the head records 10 entries");
  }

  @Test
  void detectsSeveralDeletedLastEntriesAndNamesTheFirstOfThem() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.subList(7, LENGTH).clear();

    LedgerVerification result = verify(entries, head);

    assertThat(result.firstInvalidSequence()).isEqualTo(8L);
    assertThat(result.reason()).startsWith("entries 8 to 10 are missing");
  }

  @Test
  void detectsTwoEntriesSwappedInPlaceAndNamesTheFirst() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    LedgerEntry fourth = entries.get(3);
    LedgerEntry fifth = entries.get(4);
    entries.set(3, copy(fifth, 4, fifth.versionNumber(), fifth.detailsJson()));
    entries.set(4, copy(fourth, 5, fourth.versionNumber(), fourth.detailsJson()));

    LedgerVerification result = verify(entries, head);

    assertThat(result.firstInvalidSequence()).isEqualTo(4L);
    assertThat(result.reason()).startsWith("prev_hash mismatch");
  }

  @Test
  void detectsEntriesDeliveredOutOfOrder() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.add(3, entries.remove(4)); // 1 2 3 5 4 6 …

    assertThat(verify(entries, head).firstInvalidSequence()).isEqualTo(4L);
  }

  @Test
  void detectsForgedEntryAppendedBeyondTheHead() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.add(
        hashed(
            new LedgerEntry(
                LENGTH + 1,
                LedgerFixtures.START,
                "mallory",
                "KEY_DESTROYED",
                null,
                null,
                null,
                null,
                null,
                "{}",
                entries.get(LENGTH - 1).hash(),
                null)));

    LedgerVerification result = verify(entries, head);

    assertThat(result).isEqualTo(LedgerVerification.invalid(LENGTH, 11L, result.reason()));
    assertThat(result.reason()).contains("beyond the head");
  }

  @Test
  void detectsForgedEntryPutInTheGapOfADeletedOneAndNamesIt() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.set(
        4,
        new LedgerEntry(
            5,
            LedgerFixtures.START,
            "mallory",
            "KEY_DESTROYED",
            null,
            null,
            null,
            null,
            null,
            "{}",
            entries.get(3).hash(),
            "a".repeat(64)));

    assertThat(verify(entries, head).firstInvalidSequence()).isEqualTo(5L);
  }

  @Test
  void namesTheSuccessorWhenAnEntryWasRewrittenTogetherWithItsHash() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.set(4, hashed(field(entries.get(4), 0, "mallory")));

    LedgerVerification result = verify(entries, head);

    assertThat(result.firstInvalidSequence()).isEqualTo(6L);
    assertThat(result.reason())
        .isEqualTo("prev_hash mismatch: it does not equal the hash of entry 5");
  }

  @Test
  void detectsForgedEntryBeforeTheFirst() {
    List<LedgerEntry> entries = chain(LENGTH);
    LedgerHead head = headOf(entries);
    entries.add(
        0,
        hashed(
            new LedgerEntry(
                0,
                LedgerFixtures.START,
                "mallory",
                "KEY_GENERATED",
                null,
                null,
                null,
                null,
                null,
                "{}",
                CanonicalForm.GENESIS_HASH,
                null)));

    assertThat(verify(entries, head).firstInvalidSequence()).isEqualTo(0L);
  }

  @Test
  void detectsAlteredHeadHash() {
    List<LedgerEntry> entries = chain(LENGTH);

    LedgerVerification result = verify(entries, new LedgerHead(LENGTH, "b".repeat(64)));

    assertThat(result).isEqualTo(LedgerVerification.invalid(LENGTH, 10L, result.reason()));
  }

  @Test
  void detectsEmptiedLedgerThroughTheHead() {
    LedgerHead head = headOf(chain(LENGTH));

    assertThat(verify(List.of(), head).firstInvalidSequence()).isEqualTo(1L);
  }

  @Test
  void reportsAMissingHeadRowWithoutASequence() {
    List<LedgerEntry> entries = chain(3);

    assertThat(verify(entries, null))
        .isEqualTo(LedgerVerification.invalid(3, null, "the ledger_head row is missing"));
  }

  private static LedgerVerification verify(List<LedgerEntry> entries, LedgerHead head) {
    return LedgerVerifier.verify(entries.iterator(), head);
  }

  private static void alter(
      List<Arguments> cases, int seq, String field, UnaryOperator<LedgerEntry> alteration) {
    cases.add(Arguments.of(seq, field, alteration));
  }

  private static LedgerEntry copy(LedgerEntry e, long seq, Integer versionNumber, String details) {
    return new LedgerEntry(
        seq,
        e.recordedAt(),
        e.actor(),
        e.action(),
        e.keyId(),
        e.keyAlias(),
        e.versionId(),
        versionNumber,
        e.processInstanceId(),
        details,
        e.prevHash(),
        e.hash());
  }

  private static LedgerEntry timed(LedgerEntry e, java.time.Instant recordedAt) {
    return new LedgerEntry(
        e.seq(),
        recordedAt,
        e.actor(),
        e.action(),
        e.keyId(),
        e.keyAlias(),
        e.versionId(),
        e.versionNumber(),
        e.processInstanceId(),
        e.detailsJson(),
        e.prevHash(),
        e.hash());
  }

  /**
   * Replaces one text field: 0 actor, 1 action, 2 keyId, 3 keyAlias, 4 versionId, 5 pid, 6
   * prevHash.
   */
  private static LedgerEntry field(LedgerEntry e, int field, String value) {
    return new LedgerEntry(
        e.seq(),
        e.recordedAt(),
        field == 0 ? value : e.actor(),
        field == 1 ? value : e.action(),
        field == 2 ? value : e.keyId(),
        field == 3 ? value : e.keyAlias(),
        field == 4 ? value : e.versionId(),
        e.versionNumber(),
        field == 5 ? value : e.processInstanceId(),
        e.detailsJson(),
        field == 6 ? value : e.prevHash(),
        e.hash());
  }
}
