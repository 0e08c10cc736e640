package io.keyflow.ledger.details;

/**
 * {@code KEY_DISTRIBUTION_REFUSED}: a distribution refused when requested, or when its wrap step
 * checked the rules again.
 *
 * @param stage {@code request} or {@code wrap}
 * @param recipient the recipient as submitted, or null when missing or too long to record
 */
public record KeyDistributionRefused(String reason, String stage, String recipient)
    implements RequestRefused {}
