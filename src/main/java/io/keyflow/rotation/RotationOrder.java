package io.keyflow.rotation;

import java.time.Duration;
import java.util.UUID;

/**
 * What an accepted rotation request recorded in the ledger, and so what its steps act on: the key,
 * its version to deactivate, the id and number fixed for the new version (a retry finds the object
 * it made), the new version's encrypt period, the old one's retention, and who asked why.
 */
public record RotationOrder(
    UUID keyId,
    UUID oldVersionId,
    UUID newVersionId,
    int newVersionNumber,
    Duration encryptPeriod,
    Duration retention,
    String reason,
    String requestedBy) {}
