package io.keyflow.hsm;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The signature schemes Keyflow's signing keys offer, each on a digest the caller (or the crypto
 * API) made with the scheme's hash: RSA-PSS (MGF1 with the same hash, salt as long as the hash) and
 * RSA PKCS#1 v1.5 for RSA keys, ECDSA (DER-encoded signatures) for EC keys. Every one is what
 * OpenSSL and the JDK verify with the same name ({@code openssl dgst -sha256 -sigopt
 * rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest}, {@code SHA256withECDSA}).
 */
public enum SignatureMechanism {
  RSA_PSS_SHA256("SHA-256", 32),
  RSA_PSS_SHA384("SHA-384", 48),
  RSA_PSS_SHA512("SHA-512", 64),
  RSA_PKCS1_SHA256("SHA-256", 32),
  RSA_PKCS1_SHA384("SHA-384", 48),
  RSA_PKCS1_SHA512("SHA-512", 64),
  ECDSA_SHA256("SHA-256", 32),
  ECDSA_SHA384("SHA-384", 48),
  ECDSA_SHA512("SHA-512", 64);

  private final String hash;
  private final int digestLength;

  SignatureMechanism(String hash, int digestLength) {
    this.hash = hash;
    this.digestLength = digestLength;
  }

  /**
   * The DER DigestInfo of {@code digest} (RFC 8017 9.2 step 2), what PKCS#1 v1.5 pads and signs:
   * the hash's fixed prefix followed by the digest.
   */
  public byte[] digestInfo(byte[] digest) {
    byte[] prefix =
        HexFormat.of()
            .parseHex(
                switch (digestLength) {
                  case 32 -> "3031300d060960864801650304020105000420";
                  case 48 -> "3041300d060960864801650304020205000430";
                  default -> "3051300d060960864801650304020305000440";
                });
    byte[] out = new byte[prefix.length + digest.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(digest, 0, out, prefix.length, digest.length);
    return out;
  }

  /** The JCA name of the hash, e.g. {@code SHA-256}. */
  public String hash() {
    return hash;
  }

  /** Bytes of a digest this scheme signs. */
  public int digestLength() {
    return digestLength;
  }

  public boolean isPss() {
    return name().startsWith("RSA_PSS");
  }

  public boolean isPkcs1() {
    return name().startsWith("RSA_PKCS1");
  }

  public boolean isEcdsa() {
    return name().startsWith("ECDSA");
  }

  /** Whether keys of {@code algorithm} sign with this scheme (RSA schemes RSA, ECDSA EC). */
  public boolean allows(KeyAlgorithm algorithm) {
    return isEcdsa() ? algorithm.isEc() : algorithm.isRsa();
  }

  /**
   * The scheme's name in requests and envelopes, e.g. {@code RSA-PSS-SHA256}, {@code ECDSA-SHA384}.
   */
  public String wireName() {
    return name().replace('_', '-');
  }

  /** The scheme named {@code name} (case-insensitive, {@code -} or {@code _}), or null. */
  public static SignatureMechanism parse(String name) {
    if (name == null) {
      return null;
    }
    String normalised = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (SignatureMechanism mechanism : values()) {
      if (mechanism.name().equals(normalised)) {
        return mechanism;
      }
    }
    return null;
  }
}
