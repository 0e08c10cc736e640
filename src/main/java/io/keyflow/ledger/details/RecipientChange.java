package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code RECIPIENT_REGISTERED}, {@code _UPDATED} and {@code _REVOKED}: who the recipient is and how
 * it authenticates and is wrapped for, by fingerprint (never the certificate or key itself), and
 * only the host of its webhook.
 *
 * @param environment the recipient's environment
 * @param previousCertificateSha256 for an update: the certificate it replaced (likewise the other
 *     {@code previous…} fields); null otherwise
 * @param reason for a revocation: why; null otherwise
 * @param owner the person responsible for the system, or null
 * @param description what the system is, or null
 */
public record RecipientChange(
    String recipient,
    String recipientId,
    String environment,
    String certificateSha256,
    String certificateSubject,
    Instant certificateNotAfter,
    String wrapping,
    String wrappingKeySha256,
    String kekAlias,
    String webhookHost,
    String previousCertificateSha256,
    String previousWrapping,
    String previousWrappingKeySha256,
    String previousWebhookHost,
    String reason,
    String owner,
    String description)
    implements LedgerDetails {}
