package io.keyflow.ledger.details;

/**
 * {@code KEY_ROTATION_REFUSED}: a rotation request, or a rotation campaign's request, that failed
 * its checks.
 *
 * @param campaign the campaign's process instance when a campaign request was refused, else null
 */
public record KeyRotationRefused(String reason, String campaign) implements RequestRefused {}
