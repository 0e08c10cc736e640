package io.keyflow.recipient;

import java.time.Instant;
import java.util.UUID;

/** A recipient as the API shows it: public credentials and its history, never anything secret. */
record RecipientView(
    UUID id,
    String name,
    String environment,
    String state,
    CertificateView certificate,
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

  record CertificateView(
      String sha256, String subject, Instant notBefore, Instant notAfter, String pem) {}

  /**
   * @param mechanism {@code RSA-OAEP} or {@code AES-KWP}
   */
  record WrappingView(
      String mechanism,
      String description,
      Integer rsaBits,
      String publicKeySha256,
      String kekAlias) {}

  static RecipientView of(Recipient r) {
    return new RecipientView(
        r.id(),
        r.name(),
        r.environment().name(),
        r.state().name(),
        new CertificateView(
            r.certificateSha256(),
            r.certificateSubject(),
            r.certificateNotBefore(),
            r.certificateNotAfter(),
            r.certificatePem()),
        new WrappingView(
            r.usesKek() ? "AES-KWP" : "RSA-OAEP",
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
