package io.keyflow.recipient;

import io.keyflow.key.Environment;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Instant;
import java.util.UUID;

/**
 * A registered system (a recipient of packages, a user of the crypto API, or both): how it
 * authenticates (its newest live TLS client certificate, pinned by its SHA-256 fingerprint, shown
 * here; all of them are {@link SystemCertificate}s; none for a system that signs in only as the
 * {@code key-user} login of its name) and how keys are wrapped for it (an RSA public key for
 * RSA-OAEP, or a KEK in Keyflow's vault for AES key wrap). Public material only; the recipient's
 * private keys never reach Keyflow.
 *
 * @param wrappingKeyPem RSA public key (SubjectPublicKeyInfo PEM), null for a KEK-only recipient
 * @param kekAlias alias of the KEY_WRAPPING AES-256 key packages are wrapped under (AES-KWP), or
 *     null
 * @param webhookUrl the https endpoint the recipient is told on (e.g. of a confirmed compromise),
 *     or null
 * @param owner the person responsible for the system (a user id or e-mail address), or null
 * @param description what the system is and does, or null
 */
public record Recipient(
    UUID id,
    String name,
    Environment environment,
    String certificatePem,
    String certificateSha256,
    String certificateSubject,
    Instant certificateNotBefore,
    Instant certificateNotAfter,
    String wrappingKeyPem,
    Integer wrappingKeyBits,
    String wrappingKeySha256,
    String kekAlias,
    RecipientState state,
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

  /** A newly registered recipient: ACTIVE, never updated or revoked. */
  static Recipient registered(
      String name,
      Environment environment,
      Credentials credentials,
      String webhookUrl,
      String owner,
      String description,
      Instant at,
      String by) {
    RecipientCredentials.Certificate certificate = credentials.certificate();
    return new Recipient(
        UUID.randomUUID(),
        name,
        environment,
        certificate == null ? null : certificate.pem(),
        certificate == null ? null : certificate.sha256(),
        certificate == null ? null : certificate.subject(),
        certificate == null ? null : certificate.notBefore(),
        certificate == null ? null : certificate.notAfter(),
        credentials.wrappingPem(),
        credentials.wrappingBits(),
        credentials.wrappingSha256(),
        credentials.kekAlias(),
        RecipientState.ACTIVE,
        at,
        by,
        null,
        null,
        null,
        null,
        null,
        webhookUrl,
        owner,
        description);
  }

  /**
   * This recipient with replaced credentials, webhook, owner and description (certificate renewal,
   * new wrapping key or KEK; without a certificate in the credentials it keeps its own); name,
   * environment and registration never change.
   *
   * @throws Refusal CONFLICT when the recipient is revoked
   */
  Recipient withCredentials(
      Credentials credentials,
      String newWebhookUrl,
      String newOwner,
      String newDescription,
      Instant at,
      String by) {
    requireActive();
    RecipientCredentials.Certificate certificate = credentials.certificate();
    return new Recipient(
        id,
        name,
        environment,
        certificate == null ? certificatePem : certificate.pem(),
        certificate == null ? certificateSha256 : certificate.sha256(),
        certificate == null ? certificateSubject : certificate.subject(),
        certificate == null ? certificateNotBefore : certificate.notBefore(),
        certificate == null ? certificateNotAfter : certificate.notAfter(),
        credentials.wrappingPem(),
        credentials.wrappingBits(),
        credentials.wrappingSha256(),
        credentials.kekAlias(),
        RecipientState.ACTIVE,
        registeredAt,
        registeredBy,
        at,
        by,
        null,
        null,
        null,
        newWebhookUrl,
        newOwner,
        newDescription);
  }

  /**
   * This system showing {@code newest} as its certificate (after a certificate was added or
   * removed), or none when it has no live certificate left.
   */
  Recipient withCertificate(SystemCertificate newest, Instant at, String by) {
    requireActive();
    return new Recipient(
        id,
        name,
        environment,
        newest == null ? null : newest.pem(),
        newest == null ? null : newest.sha256(),
        newest == null ? null : newest.subject(),
        newest == null ? null : newest.notBefore(),
        newest == null ? null : newest.notAfter(),
        wrappingKeyPem,
        wrappingKeyBits,
        wrappingKeySha256,
        kekAlias,
        state,
        registeredAt,
        registeredBy,
        at,
        by,
        revokedAt,
        revokedBy,
        revocationReason,
        webhookUrl,
        owner,
        description);
  }

  /**
   * This recipient revoked: it can no longer pick up packages or be distributed to.
   *
   * @throws Refusal CONFLICT when it already was
   */
  Recipient revoked(String reason, Instant at, String by) {
    requireNotRevoked();
    return new Recipient(
        id,
        name,
        environment,
        certificatePem,
        certificateSha256,
        certificateSubject,
        certificateNotBefore,
        certificateNotAfter,
        wrappingKeyPem,
        wrappingKeyBits,
        wrappingKeySha256,
        kekAlias,
        RecipientState.REVOKED,
        registeredAt,
        registeredBy,
        at,
        by,
        at,
        by,
        reason,
        webhookUrl,
        owner,
        description);
  }

  /** Refuses (CONFLICT) when the recipient is revoked: a revoked recipient cannot be updated. */
  void requireActive() {
    if (isRevoked()) {
      throw new Refusal(
          Kind.CONFLICT,
          "Recipient '" + name + "' is revoked and cannot be updated; register a new one");
    }
  }

  /** Refuses (CONFLICT) when the recipient is revoked already. */
  void requireNotRevoked() {
    if (isRevoked()) {
      throw new Refusal(
          Kind.CONFLICT, "Recipient '" + name + "' was already revoked on " + revokedAt);
    }
  }

  public boolean isRevoked() {
    return state == RecipientState.REVOKED;
  }

  /** Whether packages for this recipient are wrapped under a KEK (AES-KWP) rather than RSA-OAEP. */
  public boolean usesKek() {
    return kekAlias != null;
  }

  /**
   * Whether keys can be wrapped for this system (an RSA wrapping key or a KEK): a system registered
   * for the crypto API only has neither and receives no packages.
   */
  public boolean hasWrappingKey() {
    return usesKek() || wrappingKeyPem != null;
  }

  /**
   * Whether the system has a live client certificate (the newest is shown in the certificate
   * fields); without one it signs in only as the {@code key-user} login of its name.
   */
  public boolean hasCertificate() {
    return certificateSha256 != null;
  }

  /** How packages are wrapped for this recipient, in words, e.g. {@code RSA-3072 (OAEP)}. */
  public String wrappingDescription() {
    if (usesKek()) {
      return "AES-256 KEK '" + kekAlias + "' (AES-KWP)";
    }
    return wrappingKeyPem == null ? "none" : "RSA-" + wrappingKeyBits + " (OAEP)";
  }
}
