package io.keyflow.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The byte form of a ledger entry that is hashed, so that anyone can re-compute the chain.
 *
 * <h2>Hash</h2>
 *
 * {@code hash = lowercase-hex(SHA-256(ASCII(prevHash) ‖ UTF-8(canonicalJson)))}, where {@code
 * prevHash} is the 64-character lowercase hex hash of the previous entry ({@link #GENESIS_HASH}, 64
 * zeros, for seq 1). In a shell: {@code printf '%s%s' "$prevHash" "$json" | sha256sum}.
 *
 * <h2>Canonical JSON</h2>
 *
 * One JSON object, no whitespace, exactly these members in this order, absent values written as
 * {@code null}:
 *
 * <pre>
 * {"seq":N,"recordedAt":"…","actor":"…","action":"…","keyId":"…","keyAlias":"…",
 *  "versionId":"…","versionNumber":N,"processInstanceId":"…","details":DETAILS}
 * </pre>
 *
 * <ul>
 *   <li>{@code seq}, {@code versionNumber}: decimal integers.
 *   <li>{@code recordedAt}: UTC, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, exactly three fractional digits.
 *       The appender truncates time to milliseconds before hashing and storing, so the database
 *       round trip is exact; a stored time with finer precision (never written by the appender) is
 *       rendered with its extra digits so it cannot hash equal.
 *   <li>{@code keyId}, {@code versionId}, {@code action}: the stored text (lowercase UUIDs, the
 *       {@link LedgerAction} name).
 *   <li>Strings are escaped as: {@code "} → {@code \"}, {@code \} → {@code \\}, backspace, form
 *       feed, newline, carriage return, tab → {@code \b \f \n \r \t}, other characters below U+0020
 *       → <code>&#92;u00xx</code> (lowercase hex); everything else is written as is.
 *   <li>{@code details}: the stored {@code details} text, verbatim. It is produced once, at append,
 *       by {@link #detailsJson}: map keys sorted (recursively), no whitespace, numbers as Jackson
 *       writes them (BigDecimal plain). Verification never re-serialises it, so the hash covers
 *       exactly the stored bytes.
 * </ul>
 */
public final class CanonicalForm {

  /** The {@code prevHash} of the first entry and the hash of an empty ledger's head. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final JsonMapper DETAILS =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  // Hashing a long chain reuses one digest and buffer per thread (see ChainHasher).
  private static final ThreadLocal<ChainHasher> HASHERS = ThreadLocal.withInitial(ChainHasher::new);

  private CanonicalForm() {}

  /** The appender's clock precision: time truncated to milliseconds. */
  public static Instant truncate(Instant time) {
    return time.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The canonical JSON of an entry (without the {@code prevHash} prefix). */
  public static String canonicalJson(LedgerEntry entry) {
    StringBuilder json = new StringBuilder(256 + length(entry.detailsJson()));
    json.append("{\"seq\":").append(entry.seq());
    json.append(",\"recordedAt\":");
    string(json, entry.recordedAt() == null ? null : formatTime(entry.recordedAt()));
    json.append(",\"actor\":");
    string(json, entry.actor());
    json.append(",\"action\":");
    string(json, entry.action());
    json.append(",\"keyId\":");
    string(json, entry.keyId());
    json.append(",\"keyAlias\":");
    string(json, entry.keyAlias());
    json.append(",\"versionId\":");
    string(json, entry.versionId());
    json.append(",\"versionNumber\":").append(entry.versionNumber());
    json.append(",\"processInstanceId\":");
    string(json, entry.processInstanceId());
    json.append(",\"details\":").append(entry.detailsJson());
    return json.append('}').toString();
  }

  /** {@code lowercase-hex(SHA-256(ASCII(entry.prevHash) ‖ UTF-8(canonicalJson(entry))))}. */
  public static String hash(LedgerEntry entry) {
    return HASHERS.get().hash(entry);
  }

  /**
   * The entry's Merkle leaf hash (see {@link Merkle}): {@code SHA-256(0x00 ‖
   * UTF-8(canonicalJson(entry)))}. The leaf is the canonical JSON alone, without the {@code
   * prevHash} prefix of the chain hash, so an entry's inclusion can be checked from the entry
   * alone.
   */
  public static byte[] leafHash(LedgerEntry entry) {
    return HASHERS.get().leafHash(entry);
  }

  /** The leaf hash computed literally from {@link #canonicalJson}; tests compare the fast one. */
  static byte[] referenceLeafHash(LedgerEntry entry) {
    return Merkle.leafHash(canonicalJson(entry).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The specification's hash, computed literally from {@link #canonicalJson}; tests compare the
   * fast one with it.
   */
  static String referenceHash(LedgerEntry entry) {
    MessageDigest sha256 = newSha256();
    sha256.update(String.valueOf(entry.prevHash()).getBytes(StandardCharsets.US_ASCII));
    sha256.update(canonicalJson(entry).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** {@code recordedAt} as it appears in the canonical JSON. */
  public static String formatTime(Instant time) {
    int nanos = time.getNano();
    String fraction = String.format("%09d", nanos);
    if (nanos % 1_000_000 == 0) {
      fraction = fraction.substring(0, 3);
    } else {
      fraction = fraction.replaceAll("0+$", "");
    }
    return SECONDS.format(time) + "." + fraction + "Z";
  }

  /** Serialises (already normalised) details: keys sorted recursively, no whitespace. */
  public static String detailsJson(Map<String, Object> details) {
    try {
      return DETAILS.writeValueAsString(normalizeDetails(details));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Ledger details cannot be written as JSON", e);
    }
  }

  /**
   * An unmodifiable, key-sorted deep copy holding only JSON-compatible values; refuses key material
   * (byte or char arrays) and values that have no stable JSON form.
   */
  static Map<String, Object> normalizeDetails(Map<?, ?> details) {
    TreeMap<String, Object> copy = new TreeMap<>();
    details.forEach(
        (name, value) -> {
          if (!(name instanceof String key)) {
            throw new IllegalArgumentException("Ledger detail names must be strings: " + name);
          }
          copy.put(key, normalize(key, value));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Object normalize(String name, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw new IllegalArgumentException("Ledger detail '" + name + "' is not a finite number");
      }
      return value;
    }
    if (value instanceof Number) {
      return value;
    }
    if (value instanceof UUID || value instanceof TemporalAccessor) {
      return value.toString();
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Map<?, ?> map) {
      return normalizeDetails(map);
    }
    if (value instanceof Iterable<?> items) {
      List<Object> list = new ArrayList<>();
      items.forEach(item -> list.add(normalize(name, item)));
      return Collections.unmodifiableList(list);
    }
    if (value instanceof byte[] || value instanceof char[]) {
      throw new IllegalArgumentException(
          "Ledger detail '"
              + name
              + "' is a byte or char array; key material never enters"
              + " the ledger");
    }
    if (value instanceof Object[] array) {
      return normalize(name, Arrays.asList(array));
    }
    throw new IllegalArgumentException(
        "Ledger detail '" + name + "' has unsupported type " + value.getClass().getName());
  }

  static void string(StringBuilder json, String value) {
    if (value == null) {
      json.append("null");
      return;
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static int length(String text) {
    return text == null ? 4 : text.length();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
