package io.keyflow.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * One reconciliation and its attestation.
 *
 * @param findingsJson the findings in canonical JSON (keys sorted, no whitespace); {@code
 *     findingsSha256} is SHA-256 over its UTF-8 bytes, the digest the ledger records
 */
public record StorageAttestation(
    UUID id,
    String processInstanceId,
    String requestedBy,
    String vaultBackend,
    Instant reconciledAt,
    String findingsJson,
    String findingsSha256,
    int findingCount,
    int driftCount,
    String attestedBy,
    Instant attestedAt,
    String comment) {}
