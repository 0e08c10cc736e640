package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_COMPROMISED}: the entry's version was contained (made COMPROMISED) on a report.
 *
 * @param previousState the state it had, which a dismissal gives back
 */
public record KeyCompromised(String previousState, Instant compromisedAt, String reason)
    implements LedgerDetails {}
