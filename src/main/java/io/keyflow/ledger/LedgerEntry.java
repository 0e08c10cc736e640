package io.keyflow.ledger;

import java.time.Instant;

/**
 * One stored ledger row, exactly as read from {@code ledger_entry}.
 *
 * <p>Identifiers and the action are kept as the stored text rather than parsed into {@code UUID} or
 * {@link LedgerAction}: the verifier must hash what is stored, and a tampered row that no longer
 * parses must be reported as invalid, not crash the verification.
 *
 * @param seq position in the chain, 1, 2, 3, … without gaps
 * @param recordedAt when the entry was appended (millisecond precision)
 * @param action a {@link LedgerAction} name
 * @param detailsJson the event's details as canonical JSON (see {@link CanonicalForm})
 * @param prevHash the previous entry's hash (64 zeros for seq 1), lowercase hex
 * @param hash {@code SHA-256(prevHash ‖ canonical form)}, lowercase hex
 */
public record LedgerEntry(
    long seq,
    Instant recordedAt,
    String actor,
    String action,
    String keyId,
    String keyAlias,
    String versionId,
    Integer versionNumber,
    String processInstanceId,
    String detailsJson,
    String prevHash,
    String hash) {}
