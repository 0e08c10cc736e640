package io.keyflow.ledger;

/**
 * The verdict on the ledger's signed checkpoints.
 *
 * @param checkpoints how many checkpoints were checked
 * @param lastCheckpointSequence the newest checkpointed sequence, or null when there is none
 * @param firstInvalidCheckpoint the sequence of the first checkpoint whose signature fails or whose
 *     entry no longer has the signed hash, or null when all hold
 */
@com.fasterxml.jackson.annotation.JsonInclude(
    com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record CheckpointVerification(
    boolean valid,
    long checkpoints,
    Long lastCheckpointSequence,
    Long firstInvalidCheckpoint,
    String reason) {}
