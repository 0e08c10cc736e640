package io.keyflow.campaign;

import java.time.Instant;

/**
 * One campaign as the progress table holds it; {@code id} is its process instance id, {@code
 * requestSeq} the sequence of its request entry in the ledger.
 */
public record Campaign(
    String id,
    CampaignKind kind,
    CampaignState state,
    String requestedBy,
    Instant requestedAt,
    long requestSeq,
    int refused,
    Instant decidedAt,
    Instant finishedAt,
    CampaignProgress progress) {}
