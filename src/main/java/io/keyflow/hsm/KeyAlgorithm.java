package io.keyflow.hsm;

/**
 * The key algorithms Keyflow can hold in a vault. Weak algorithms (AES-128, 3DES, RSA-2048) are not
 * representable at all, so no code path can ask a vault for one.
 */
public enum KeyAlgorithm {
  AES_256(Kind.SECRET, 256),
  RSA_3072(Kind.KEY_PAIR, 3072),
  RSA_4096(Kind.KEY_PAIR, 4096),
  EC_P256(Kind.KEY_PAIR, 256),
  EC_P384(Kind.KEY_PAIR, 384),
  /** A 256-bit generic secret for HMAC-SHA-256 (MAC keys); a secret key, but never an AES key. */
  HMAC_SHA256(Kind.SECRET, 256);

  /** Whether the algorithm makes one secret key or a private/public key pair. */
  public enum Kind {
    SECRET,
    KEY_PAIR
  }

  private final Kind kind;
  private final int bits;

  KeyAlgorithm(Kind kind, int bits) {
    this.kind = kind;
    this.bits = bits;
  }

  public Kind kind() {
    return kind;
  }

  /** Key length in bits (curve size for EC). */
  public int bits() {
    return bits;
  }

  public boolean isRsa() {
    return name().startsWith("RSA");
  }

  public boolean isEc() {
    return name().startsWith("EC");
  }

  public boolean isAes() {
    return this == AES_256;
  }

  public boolean isHmac() {
    return this == HMAC_SHA256;
  }

  /**
   * Symmetric-equivalent strength in bits (NIST SP 800-57 Part 1, Table 2), used to check that a
   * wrapping key is at least as strong as the key it protects.
   */
  public int securityStrength() {
    return switch (this) {
      case AES_256 -> 256;
      case RSA_3072 -> 128;
      case RSA_4096 -> 152;
      case EC_P256 -> 128;
      case EC_P384 -> 192;
      case HMAC_SHA256 -> 256;
    };
  }
}
