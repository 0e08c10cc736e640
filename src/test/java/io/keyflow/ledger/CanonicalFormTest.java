package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

  private static final LedgerEntry GOLDEN =
      new LedgerEntry(
          1,
          Instant.parse("2025-03-01T12:34:56.789Z"),
          "alice",
          "KEY_GENERATED",
          "3f1c2a7e-0000-4000-8000-000000000001",
          "payments-dek",
          "3f1c2a7e-0000-4000-8000-000000000002",
          1,
          "pi-42",
          "{\"approvedBy\":\"bob\",\"kcv\":\"A1B2C3\"}",
          CanonicalForm.GENESIS_HASH,
          null);

  @Test
  void writesMembersInFixedOrderWithoutWhitespace() {
    assertThat(CanonicalForm.canonicalJson(GOLDEN))
        .isEqualTo(
            "{\"seq\":1,\"recordedAt\":\"2025-03-01T12:34:56.789Z\",\"actor\":\"alice\","
                + "\"action\":\"KEY_GENERATED\",\"keyId\":\"3f1c2a7e-0000-4000-8000-000000000001\","
                + "\"keyAlias\":\"payments-dek\","
                + "\"versionId\":\"3f1c2a7e-0000-4000-8000-000000000002\",\"versionNumber\":1,"
                + "\"processInstanceId\":\"pi-42\",\"details\":{\"approvedBy\":\"bob\",\"kcv\":\"A1B2C3\"}}");
  }

  @Test
  void hashesPrevHashFollowedByCanonicalJsonWithSha256() {
    // Computed independently: printf '%s%s' "$prevHash" "$json" | sha256sum
    assertThat(CanonicalForm.hash(GOLDEN))
        .isEqualTo("928754e800d3fa828ef400e0cf21316c69bd5f2a776f5012c9653a2361c9cb83");
  }

  @Test
  void writesAbsentFieldsAsNull() {
    LedgerEntry bare =
        new LedgerEntry(
            7,
            GOLDEN.recordedAt(),
            "system",
            "RECIPIENT_REGISTERED",
            null,
            null,
            null,
            null,
            null,
            "{}",
            GOLDEN.prevHash(),
            null);
    assertThat(CanonicalForm.canonicalJson(bare))
        .isEqualTo(
            "{\"seq\":7,\"recordedAt\":\"2025-03-01T12:34:56.789Z\",\"actor\":\"system\","
                + "\"action\":\"RECIPIENT_REGISTERED\",\"keyId\":null,\"keyAlias\":null,"
                + "\"versionId\":null,\"versionNumber\":null,\"processInstanceId\":null,"
                + "\"details\":{}}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharactersAndKeepsOtherCharacters() {
    LedgerEntry entry =
        new LedgerEntry(
            1,
            GOLDEN.recordedAt(),
            "a\"b\\c\nd\te\u0001 é€",
            "KEY_GENERATED",
            null,
            null,
            null,
            null,
            null,
            "{}",
            GOLDEN.prevHash(),
            null);
    assertThat(CanonicalForm.canonicalJson(entry))
        .contains("\"actor\":\"a\\\"b\\\\c\\nd\\te\\u0001 é€\"");
  }

  @Test
  void formatsTimeInUtcWithExactlyThreeFractionalDigits() {
    assertThat(CanonicalForm.formatTime(Instant.parse("2025-01-02T03:04:05Z")))
        .isEqualTo("2025-01-02T03:04:05.000Z");
    assertThat(CanonicalForm.formatTime(Instant.parse("2025-01-02T03:04:05.120Z")))
        .isEqualTo("2025-01-02T03:04:05.120Z");
  }

  @Test
  void rendersSubMillisecondTimeWithItsExtraDigitsSoItCannotHashEqual() {
    assertThat(CanonicalForm.formatTime(Instant.parse("2025-01-02T03:04:05.120400Z")))
        .isEqualTo("2025-01-02T03:04:05.1204Z");
  }

  @Test
  void truncatesTimeToMilliseconds() {
    assertThat(CanonicalForm.truncate(Instant.parse("2025-01-02T03:04:05.123456789Z")))
        .isEqualTo(Instant.parse("2025-01-02T03:04:05.123Z"));
  }

  @Test
  void sortsDetailKeysRecursivelyWhateverTheInsertionOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", List.of(Map.of("y", true, "b", "x")));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("zeta", inner);
    details.put("alpha", null);
    details.put("mid", new BigDecimal("1E+3"));

    assertThat(CanonicalForm.detailsJson(details))
        .isEqualTo(
            "{\"alpha\":null,\"mid\":1000,\"zeta\":{\"a\":[{\"b\":\"x\",\"y\":true}],\"z\":1}}");
  }

  @Test
  void refusesKeyMaterialInDetails() {
    assertThatThrownBy(() -> CanonicalForm.detailsJson(Map.of("key", new byte[] {1, 2})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key material never enters the ledger");
    assertThatThrownBy(() -> CanonicalForm.detailsJson(Map.of("pin", "1234".toCharArray())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNumbersWithoutJsonFormAndUnsupportedTypes() {
    assertThatThrownBy(() -> CanonicalForm.detailsJson(Map.of("ratio", Double.NaN)))
        .hasMessageContaining("not a finite number");
    assertThatThrownBy(() -> CanonicalForm.detailsJson(Map.of("thing", new Object())))
        .hasMessageContaining("unsupported type");
  }

  @Test
  void writesArraysAsListsKeepingNulls() {
    assertThat(CanonicalForm.detailsJson(Map.of("labels", new String[] {"a", null})))
        .isEqualTo("{\"labels\":[\"a\",null]}");
  }
}
