package io.keyflow.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as Keyflow fingerprints things: certificates and public keys by their DER bytes, texts by
 * their UTF-8 bytes, always as lowercase hex.
 */
public final class Sha256 {

  private Sha256() {}

  public static byte[] digest(byte[] data) {
    return newDigest().digest(data);
  }

  /** SHA-256 of the bytes as lowercase hex. */
  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest(data));
  }

  /** SHA-256 of the text's UTF-8 bytes as lowercase hex. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh digest, for data hashed in parts. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
