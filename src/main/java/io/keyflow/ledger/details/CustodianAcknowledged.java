package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code CUSTODIAN_ACKNOWLEDGED}: a custodian acknowledged the responsibilities text with this
 * digest.
 *
 * @param groups the custodian groups they hold, comma-separated
 * @param nextDue when they must acknowledge again
 */
public record CustodianAcknowledged(String groups, String textSha256, Instant nextDue)
    implements LedgerDetails {}
