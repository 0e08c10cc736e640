package io.keyflow.distribution;

import java.time.Instant;
import java.util.UUID;

/**
 * One key version wrapped for one recipient, held for pickup. {@code wrappedKey} is the base64 of
 * the wrapped bytes (RSA-OAEP under the recipient's public key, or AES-KWP under its KEK): useless
 * without the recipient's private key or KEK, and erased once the package is picked up or expires.
 * The rest is what the recipient needs to unwrap and check it, and the receipt.
 *
 * @param oaepHash {@code SHA-1} or {@code SHA-256} for RSA-OAEP, null for AES-KWP
 * @param oaepMgf {@code MGF1-SHA-1} or {@code MGF1-SHA-256} for RSA-OAEP, null for AES-KWP
 * @param wrappingKeySha256 SHA-256 of the recipient public key the package is wrapped under
 */
public record DistributionPackage(
    UUID id,
    UUID keyId,
    String keyAlias,
    UUID versionId,
    int versionNumber,
    String algorithm,
    String kcv,
    UUID recipientId,
    String recipientName,
    String mechanism,
    String oaepHash,
    String oaepMgf,
    String wrappingKeySha256,
    String kekAlias,
    UUID kekVersionId,
    String kekKcv,
    String wrappedKey,
    PackageState state,
    Instant createdAt,
    Instant expiresAt,
    Instant pickedUpAt,
    String tlsProtocol,
    String tlsCipherSuite,
    String peerCertificateSha256,
    Instant expiredAt,
    String requestedBy,
    String approvedBy,
    String processInstanceId) {

  /** The mechanism the package was wrapped with. */
  public WrappingMechanism wrapping() {
    return WrappingMechanism.ofPackage(mechanism, oaepHash);
  }

  /** Never prints the wrapped bytes, so a package in a log line or exception is only metadata. */
  @Override
  public String toString() {
    return "DistributionPackage[id="
        + id
        + ", key="
        + keyAlias
        + " v"
        + versionNumber
        + ", recipient="
        + recipientName
        + ", mechanism="
        + mechanism
        + ", state="
        + state
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
