package io.keyflow.distribution;

import io.keyflow.hsm.OaepHash;

/**
 * How a package is wrapped: RSA-OAEP under the recipient's public key (with SHA-1 or SHA-256 for
 * OAEP and MGF1) or AES-KWP (RFC 5649) under the recipient's KEK. One spelling everywhere: the
 * {@link #label()} is what the officer sees, the ledger records and the process variable holds.
 */
public enum WrappingMechanism {
  RSA_OAEP_SHA1("RSA-OAEP-SHA-1", OaepHash.SHA1),
  RSA_OAEP_SHA256("RSA-OAEP-SHA-256", OaepHash.SHA256),
  AES_KWP("AES-KWP", null);

  private static final String RSA_OAEP = "RSA-OAEP";

  private final String label;
  private final OaepHash oaepHash;

  WrappingMechanism(String label, OaepHash oaepHash) {
    this.label = label;
    this.oaepHash = oaepHash;
  }

  /**
   * The mechanism for a recipient: AES-KWP when it has a KEK, otherwise RSA-OAEP with {@code hash}.
   */
  static WrappingMechanism forRecipient(boolean usesKek, OaepHash hash) {
    if (usesKek) {
      return AES_KWP;
    }
    return hash == OaepHash.SHA1 ? RSA_OAEP_SHA1 : RSA_OAEP_SHA256;
  }

  /**
   * The mechanism a stored package names: its family ({@code RSA-OAEP} or {@code AES-KWP}) and, for
   * RSA-OAEP, its hash ({@code SHA-1} or {@code SHA-256}).
   */
  static WrappingMechanism ofPackage(String family, String oaepHashName) {
    if (AES_KWP.label.equals(family)) {
      return AES_KWP;
    }
    for (WrappingMechanism mechanism : values()) {
      if (mechanism.oaepHash != null && mechanism.hashName().equals(oaepHashName)) {
        return mechanism;
      }
    }
    throw new IllegalArgumentException(
        "No wrapping mechanism " + family + " with OAEP hash " + oaepHashName);
  }

  /** e.g. {@code RSA-OAEP-SHA-256}, {@code AES-KWP}. */
  public String label() {
    return label;
  }

  /** {@code RSA-OAEP} or {@code AES-KWP}: what the recipient's unwrap needs first. */
  public String family() {
    return oaepHash == null ? label : RSA_OAEP;
  }

  /** The OAEP hash, null for AES-KWP. */
  public OaepHash oaepHash() {
    return oaepHash;
  }

  /** {@code SHA-1} or {@code SHA-256}; null for AES-KWP. */
  public String hashName() {
    if (oaepHash == null) {
      return null;
    }
    return oaepHash == OaepHash.SHA1 ? "SHA-1" : "SHA-256";
  }

  /** {@code MGF1-SHA-1} or {@code MGF1-SHA-256}; null for AES-KWP. */
  public String mgfName() {
    return oaepHash == null ? null : "MGF1-" + hashName();
  }
}
