package io.keyflow.recipient;

import io.keyflow.key.Environment;
import java.time.Instant;
import java.util.UUID;

/**
 * A recipient system: how it authenticates (the TLS client certificate, pinned by its SHA-256
 * fingerprint) and how keys are wrapped for it (an RSA public key for RSA-OAEP, or a KEK in
 * Keyflow's vault for AES key wrap). Public material only; the recipient's private keys never reach
 * Keyflow.
 *
 * @param wrappingKeyPem RSA public key (SubjectPublicKeyInfo PEM), null for a KEK-only recipient
 * @param kekAlias alias of the KEY_WRAPPING AES-256 key packages are wrapped under (AES-KWP), or null
 * @param webhookUrl the https endpoint the recipient is told on (e.g. of a confirmed compromise), or null
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
    String webhookUrl) {

  public boolean isRevoked() {
    return state == RecipientState.REVOKED;
  }

  /** Whether packages for this recipient are wrapped under a KEK (AES-KWP) rather than RSA-OAEP. */
  public boolean usesKek() {
    return kekAlias != null;
  }

  /** How packages are wrapped for this recipient, in words, e.g. {@code RSA-3072 (OAEP)}. */
  public String wrappingDescription() {
    return usesKek() ? "AES-256 KEK '" + kekAlias + "' (AES-KWP)" : "RSA-" + wrappingKeyBits + " (OAEP)";
  }
}
