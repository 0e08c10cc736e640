package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code KEY_ROTATION_REQUESTED}: a rotation as accepted by its checks, with the new version's id
 * and number fixed now; the entry's version is the current primary.
 */
public record KeyRotationRequested(
    String reason,
    Instant currentProtectStop,
    Long currentVersionAgeDays,
    String newVersionId,
    Integer newVersion,
    Long encryptPeriodDays,
    Long retentionDays,
    List<String> recipientsHolding)
    implements LedgerDetails {}
