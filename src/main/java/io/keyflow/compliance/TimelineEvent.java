package io.keyflow.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One thing that happened to a key, as its ledger entry records it.
 *
 * @param seq the ledger sequence that records it
 * @param summary the event in one sentence, e.g. "Generation approved by bob: Looks right"
 * @param actor who did it (a user, {@code recipient:NAME} or {@code system:…})
 * @param version the key version it concerns, or null
 * @param processInstanceId the process instance that did it, or null
 * @param details the entry's recorded details (facts only: KCV, recipients, TLS receipt, never key
 *     material)
 */
public record TimelineEvent(
    long seq,
    Instant at,
    String action,
    String summary,
    String actor,
    Integer version,
    String processInstanceId,
    JsonNode details) {}
