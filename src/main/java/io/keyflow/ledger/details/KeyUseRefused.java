package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_USE_REFUSED}: uses of a key by a system without a live grant, aggregated per system,
 * key, operation and minute (one entry however many calls), so a flood of refused calls cannot fill
 * the ledger. The entry names the key in its key columns.
 *
 * @param reason what was missing, in words
 * @param minute the start of the minute the refusals fell in
 * @param count how many uses were refused in that minute
 */
public record KeyUseRefused(
    String reason, String system, String operation, Instant minute, Long count)
    implements RequestRefused {}
