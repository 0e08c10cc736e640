package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_WRAPPED}: the version was wrapped in the vault for its recipient and is held for
 * pickup until {@code expiresAt}; the request's facts are repeated.
 *
 * @param approvedBy the approving officers, comma-separated
 */
public record KeyWrapped(
    String recipient,
    String recipientId,
    String environment,
    String recipientCertificateSha256,
    String wrapping,
    String mechanism,
    String kcv,
    String packageId,
    Instant expiresAt,
    String approvedBy)
    implements LedgerDetails {}
