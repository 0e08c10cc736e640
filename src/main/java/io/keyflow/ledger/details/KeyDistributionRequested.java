package io.keyflow.ledger.details;

/**
 * {@code KEY_DISTRIBUTION_REQUESTED}: which version (the entry's) goes to which recipient, how it
 * is wrapped, and the package id fixed now so that a retried wrap finds its package.
 *
 * @param environment the key's environment
 * @param wrapping how the recipient is wrapped for, in words
 * @param mechanism the wrapping mechanism's label
 */
public record KeyDistributionRequested(
    String recipient,
    String recipientId,
    String environment,
    String recipientCertificateSha256,
    String wrapping,
    String mechanism,
    String kcv,
    String packageId)
    implements LedgerDetails {}
