package io.keyflow.recipient;

import java.time.Instant;
import java.util.UUID;

/**
 * One client certificate of a registered system, pinned by its SHA-256 fingerprint. A system may
 * have several live at once (rotation without downtime: the new one added, the old one removed
 * later); a removed one authenticates nobody and is never registered again. Public material only.
 *
 * @param sha256 SHA-256 of the DER encoding, lowercase hex
 * @param removalReason why an officer removed it, or null
 */
public record SystemCertificate(
    String sha256,
    UUID systemId,
    String pem,
    String subject,
    Instant notBefore,
    Instant notAfter,
    Instant addedAt,
    String addedBy,
    Instant removedAt,
    String removedBy,
    String removalReason) {

  /** Whether it still authenticates its system (not removed; its validity is checked apart). */
  public boolean isLive() {
    return removedAt == null;
  }

  static SystemCertificate added(
      RecipientCredentials.Certificate certificate, UUID systemId, Instant at, String by) {
    return new SystemCertificate(
        certificate.sha256(),
        systemId,
        certificate.pem(),
        certificate.subject(),
        certificate.notBefore(),
        certificate.notAfter(),
        at,
        by,
        null,
        null,
        null);
  }
}
