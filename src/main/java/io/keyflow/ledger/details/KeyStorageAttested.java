package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_STORAGE_ATTESTED}: an officer attested a reconciliation of the vault with the
 * inventory; the findings themselves are in the {@code storage_attestation} record, by digest.
 *
 * @param comment the officer's comment, or null
 */
public record KeyStorageAttested(
    String attestationId,
    String findingsSha256,
    Integer findingCount,
    Integer driftCount,
    String vaultBackend,
    Instant reconciledAt,
    String requestedBy,
    String comment)
    implements LedgerDetails {}
