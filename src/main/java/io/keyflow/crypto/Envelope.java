package io.keyflow.crypto;

import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned envelope: {@code keyflow:v<N>:<base64>}, where N is the key version that made the
 * bytes. Ciphertexts and wrapped data keys carry the 12-byte GCM IV followed by the ciphertext and
 * its 16-byte tag; signatures and MAC tags carry themselves. Decrypt, unwrap, rewrap and verify
 * read the version from it, so a caller never has to remember which version it used (Vault
 * transit's {@code vault:v1:} prefix is the same idea).
 *
 * @param version the key version that made the bytes
 * @param bytes what the envelope carries
 */
record Envelope(int version, byte[] bytes) {

  static final String PREFIX = "keyflow:v";

  private static final Pattern FORM =
      Pattern.compile("keyflow:v([1-9][0-9]{0,8}):(.*)", Pattern.DOTALL);

  /** The envelope of a GCM ciphertext: IV then ciphertext and tag. */
  static Envelope of(int version, GcmCiphertext ciphertext) {
    byte[] iv = ciphertext.iv();
    byte[] body = ciphertext.ciphertext();
    byte[] bytes = Arrays.copyOf(iv, iv.length + body.length);
    System.arraycopy(body, 0, bytes, iv.length, body.length);
    return new Envelope(version, bytes);
  }

  /** Whether {@code text} is written as an envelope (it may still be malformed). */
  static boolean looksLikeOne(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  /**
   * Parses an envelope sent in {@code field}; a refusal naming the field for anything else.
   *
   * @throws Refusal INVALID_REQUEST when absent, not of the form {@code keyflow:v<N>:<base64>} or
   *     the base64 is not
   */
  static Envelope parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, field + " is required (keyflow:v<N>:<base64>)");
    }
    Matcher matcher = FORM.matcher(text.strip());
    if (!matcher.matches()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          field + " is not a Keyflow envelope: expected keyflow:v<version>:<base64>");
    }
    try {
      return new Envelope(
          Integer.parseInt(matcher.group(1)), Base64.getDecoder().decode(matcher.group(2)));
    } catch (IllegalArgumentException e) {
      throw new Refusal(Kind.INVALID_REQUEST, field + " is not valid base64 after keyflow:v<N>:");
    }
  }

  /**
   * The GCM ciphertext this envelope carries.
   *
   * @throws Refusal INVALID_REQUEST naming {@code field} when it is too short to hold an IV and a
   *     tag
   */
  GcmCiphertext ciphertext(String field) {
    if (bytes.length < CryptoService.IV_LENGTH + CryptoService.TAG_LENGTH) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          field
              + " is too short: a ciphertext holds a "
              + CryptoService.IV_LENGTH
              + "-byte IV and a "
              + CryptoService.TAG_LENGTH
              + "-byte tag at least");
    }
    return new GcmCiphertext(
        Arrays.copyOfRange(bytes, 0, CryptoService.IV_LENGTH),
        Arrays.copyOfRange(bytes, CryptoService.IV_LENGTH, bytes.length));
  }

  /** {@code keyflow:v<N>:<base64>}. */
  String text() {
    return PREFIX + version + ":" + Base64.getEncoder().encodeToString(bytes);
  }
}
