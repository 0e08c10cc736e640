package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_DESTRUCTION_REQUESTED}: the destruction of one version (the entry's), as accepted by
 * its checks.
 *
 * @param state the version's state when requested
 * @param requiredApprovals how many distinct officers must approve
 */
public record KeyDestructionRequested(
    String reason,
    String state,
    Instant deactivatedAt,
    Instant retainUntil,
    String kcv,
    String hsmLabel,
    Integer requiredApprovals)
    implements LedgerDetails {}
