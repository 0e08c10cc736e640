package io.keyflow.distribution;

import java.time.Instant;
import java.util.UUID;

/**
 * What a recipient receives at pickup: the wrapped key and everything needed to unwrap and verify
 * it. {@code wrappedKey} is base64; it is not key material in plaintext.
 *
 * <p>To unwrap an RSA-OAEP package in Java: {@code Cipher.getInstance("RSA/ECB/OAEPPadding")} with
 * {@code new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
 * PSource.PSpecified.DEFAULT)}; an AES-KWP package (RFC 5649): {@code
 * Cipher.getInstance("AES/KWP/NoPadding")} under the KEK. Then check the KCV: AES-ECB of one zero
 * block under the key, first 3 bytes, lowercase hex.
 */
public record PackageDelivery(
    UUID packageId,
    UUID keyId,
    String alias,
    UUID versionId,
    int version,
    String algorithm,
    String kcv,
    String kcvMethod,
    Wrapping wrapping,
    String wrappedKey,
    String recipient,
    Instant createdAt,
    Instant expiresAt,
    Instant pickedUpAt) {

  /**
   * @param mechanism {@code RSA-OAEP} or {@code AES-KWP}
   * @param oaepHash for RSA-OAEP: {@code SHA-1} or {@code SHA-256}
   * @param mgf for RSA-OAEP: {@code MGF1-SHA-1} or {@code MGF1-SHA-256}
   * @param oaepLabel for RSA-OAEP: always empty
   * @param wrappingKeySha256 for RSA-OAEP: SHA-256 of the recipient public key used
   * @param kekAlias for AES-KWP: the KEK's alias; {@code kekKcv} its check value
   */
  public record Wrapping(
      String mechanism,
      String oaepHash,
      String mgf,
      String oaepLabel,
      String wrappingKeySha256,
      String kekAlias,
      String kekKcv) {}

  /** Never prints the wrapped bytes. */
  @Override
  public String toString() {
    return "PackageDelivery[packageId="
        + packageId
        + ", alias="
        + alias
        + ", version="
        + version
        + ", recipient="
        + recipient
        + "]";
  }
}
