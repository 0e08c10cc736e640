package io.keyflow.recipient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A system as the API shows it: public credentials and its history, never anything secret.
 *
 * @param certificate its newest live client certificate, or null when it has none (it then signs in
 *     only as the {@code key-user} login of its name)
 * @param certificates all its live client certificates, oldest first
 * @param wrapping how packages are wrapped for it; mechanism {@code none} when it receives none
 */
record RecipientView(
    UUID id,
    String name,
    String environment,
    String state,
    CertificateView certificate,
    List<CertificateView> certificates,
    WrappingView wrapping,
    Instant registeredAt,
    String registeredBy,
    Instant updatedAt,
    String updatedBy,
    Instant revokedAt,
    String revokedBy,
    String revocationReason,
    String webhookUrl,
    String owner,
    String description) {

  /**
   * @param addedAt when it was added (null in the {@code certificate} field)
   * @param removedAt when it was removed, or null while live
   */
  record CertificateView(
      String sha256,
      String subject,
      Instant notBefore,
      Instant notAfter,
      String pem,
      Instant addedAt,
      String addedBy,
      Instant removedAt,
      String removedBy,
      String removalReason) {

    static CertificateView of(SystemCertificate c) {
      return new CertificateView(
          c.sha256(),
          c.subject(),
          c.notBefore(),
          c.notAfter(),
          c.pem(),
          c.addedAt(),
          c.addedBy(),
          c.removedAt(),
          c.removedBy(),
          c.removalReason());
    }
  }

  /**
   * @param mechanism {@code RSA-OAEP}, {@code AES-KWP} or {@code none}
   */
  record WrappingView(
      String mechanism,
      String description,
      Integer rsaBits,
      String publicKeySha256,
      String kekAlias) {}

  static RecipientView of(Recipient r, List<SystemCertificate> live) {
    return new RecipientView(
        r.id(),
        r.name(),
        r.environment().name(),
        r.state().name(),
        r.hasCertificate()
            ? new CertificateView(
                r.certificateSha256(),
                r.certificateSubject(),
                r.certificateNotBefore(),
                r.certificateNotAfter(),
                r.certificatePem(),
                null,
                null,
                null,
                null,
                null)
            : null,
        live.stream().map(CertificateView::of).toList(),
        new WrappingView(
            r.usesKek() ? "AES-KWP" : r.hasWrappingKey() ? "RSA-OAEP" : "none",
            r.wrappingDescription(),
            r.wrappingKeyBits(),
            r.wrappingKeySha256(),
            r.kekAlias()),
        r.registeredAt(),
        r.registeredBy(),
        r.updatedAt(),
        r.updatedBy(),
        r.revokedAt(),
        r.revokedBy(),
        r.revocationReason(),
        r.webhookUrl(),
        r.owner(),
        r.description());
  }
}
