package io.keyflow.ledger.details;

/**
 * {@code LEDGER_INTEGRITY_FAILED}: before signing a checkpoint, the chain since the previous one
 * did not verify, so nothing was signed.
 *
 * @param firstInvalidSequence the first entry that fails, or null when the head row is missing
 * @param previousCheckpoint the previous checkpoint's sequence, or null
 */
public record ChainIntegrityFailed(
    Long firstInvalidSequence, String reason, Long headSequence, Long previousCheckpoint)
    implements LedgerDetails {}
