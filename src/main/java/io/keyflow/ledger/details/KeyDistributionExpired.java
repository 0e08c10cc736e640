package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_DISTRIBUTION_EXPIRED}: a package nobody fetched expired; its wrapped bytes are erased.
 */
public record KeyDistributionExpired(
    String packageId, String recipient, Instant expiresAt, String mechanism, String requestedBy)
    implements LedgerDetails {}
