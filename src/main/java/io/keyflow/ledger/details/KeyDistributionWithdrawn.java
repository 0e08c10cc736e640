package io.keyflow.ledger.details;

/**
 * {@code KEY_DISTRIBUTION_WITHDRAWN}: a package held for pickup was withdrawn unfetched because its
 * version was reported compromised; its wrapped bytes are erased.
 *
 * @param distributionProcessInstance the distribution that made the package
 */
public record KeyDistributionWithdrawn(
    String packageId, String recipient, String reason, String distributionProcessInstance)
    implements LedgerDetails {}
