package io.keyflow.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Computes {@link CanonicalForm#hash} without building the canonical JSON as a string: the bytes
 * are written straight into one reused buffer and hashed with one reused digest, so verifying a
 * million entries allocates little more than the hex strings. Not thread-safe: one per thread.
 *
 * <p>The bytes are exactly those of the specification in {@link CanonicalForm}: text that is ASCII
 * and needs no escaping (nearly all of it) is copied byte for byte; any other piece is escaped and
 * encoded by the reference code. Every piece starts and ends at ASCII punctuation, so encoding
 * piece by piece gives the same bytes as encoding the whole JSON at once.
 */
final class ChainHasher {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest sha256 = CanonicalForm.newSha256();
  private byte[] buffer = new byte[1024];
  private int length;
  private int prefix;

  /** {@code lowercase-hex(SHA-256(ASCII(entry.prevHash) ‖ UTF-8(canonicalJson(entry))))}. */
  String hash(LedgerEntry entry) {
    write(entry);
    sha256.update(buffer, 0, length);
    return hex(sha256.digest());
  }

  /**
   * The Merkle leaf hash of the entry last given to {@link #hash}, {@code SHA-256(0x00 ‖
   * UTF-8(canonicalJson))}: the same bytes without the {@code prevHash} prefix.
   */
  byte[] lastLeafHash() {
    sha256.update((byte) 0);
    sha256.update(buffer, prefix, length - prefix);
    return sha256.digest();
  }

  /** {@code SHA-256(0x00 ‖ UTF-8(canonicalJson(entry)))}. */
  byte[] leafHash(LedgerEntry entry) {
    write(entry);
    return lastLeafHash();
  }

  private void write(LedgerEntry entry) {
    length = 0;
    String prevHash = String.valueOf(entry.prevHash());
    if (isAscii(prevHash)) {
      ascii(prevHash);
    } else {
      bytes(prevHash.getBytes(StandardCharsets.US_ASCII));
    }
    prefix = length;
    ascii("{\"seq\":");
    ascii(Long.toString(entry.seq()));
    ascii(",\"recordedAt\":");
    time(entry.recordedAt());
    ascii(",\"actor\":");
    string(entry.actor());
    ascii(",\"action\":");
    string(entry.action());
    ascii(",\"keyId\":");
    string(entry.keyId());
    ascii(",\"keyAlias\":");
    string(entry.keyAlias());
    ascii(",\"versionId\":");
    string(entry.versionId());
    ascii(",\"versionNumber\":");
    ascii(String.valueOf(entry.versionNumber()));
    ascii(",\"processInstanceId\":");
    string(entry.processInstanceId());
    ascii(",\"details\":");
    String details = String.valueOf(entry.detailsJson());
    if (isAscii(details)) {
      ascii(details);
    } else {
      bytes(details.getBytes(StandardCharsets.UTF_8));
    }
    ascii("}");
  }

  private void time(Instant time) {
    if (time == null) {
      ascii("null");
      return;
    }
    LocalDateTime utc = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    int nanos = time.getNano();
    if (nanos % 1_000_000 != 0 || utc.getYear() < 0 || utc.getYear() > 9999) {
      ascii("\"" + CanonicalForm.formatTime(time) + "\"");
      return;
    }
    ensure(26);
    buffer[length++] = '"';
    digits(utc.getYear(), 4);
    buffer[length++] = '-';
    digits(utc.getMonthValue(), 2);
    buffer[length++] = '-';
    digits(utc.getDayOfMonth(), 2);
    buffer[length++] = 'T';
    digits(utc.getHour(), 2);
    buffer[length++] = ':';
    digits(utc.getMinute(), 2);
    buffer[length++] = ':';
    digits(utc.getSecond(), 2);
    buffer[length++] = '.';
    digits(nanos / 1_000_000, 3);
    buffer[length++] = 'Z';
    buffer[length++] = '"';
  }

  private void digits(int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      buffer[length + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += width;
  }

  private void string(String value) {
    if (value == null) {
      ascii("null");
    } else if (isPlain(value)) {
      ensure(value.length() + 2);
      buffer[length++] = '"';
      copy(value);
      buffer[length++] = '"';
    } else {
      StringBuilder escaped = new StringBuilder(value.length() + 16);
      CanonicalForm.string(escaped, value);
      bytes(escaped.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** ASCII, and nothing the canonical JSON escapes. */
  private static boolean isPlain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private void ascii(String value) {
    ensure(value.length());
    copy(value);
  }

  private void copy(String asciiValue) {
    for (int i = 0; i < asciiValue.length(); i++) {
      buffer[length++] = (byte) asciiValue.charAt(i);
    }
  }

  private void bytes(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, buffer, length, value.length);
    length += value.length;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private static String hex(byte[] digest) {
    byte[] out = new byte[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out, StandardCharsets.US_ASCII);
  }
}
