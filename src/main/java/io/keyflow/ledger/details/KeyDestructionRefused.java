package io.keyflow.ledger.details;

/**
 * {@code KEY_DESTRUCTION_REFUSED}: a destruction request, or a destruction campaign's request, that
 * failed its checks.
 *
 * @param requestedVersion the version as submitted (abbreviated), or null
 * @param campaign the campaign's process instance when a campaign request was refused, else null
 */
public record KeyDestructionRefused(String reason, String requestedVersion, String campaign)
    implements RequestRefused {}
