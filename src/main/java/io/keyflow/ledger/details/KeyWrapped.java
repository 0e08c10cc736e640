package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code KEY_WRAPPED}: the version was wrapped in the vault for its recipient and is held for
 * pickup until {@code expiresAt}; the request's facts are repeated.
 *
 * @param approvedBy the approving officers, comma-separated
 * @param requestSeq the sequence of the {@code KEY_DISTRIBUTION_REQUESTED} entry this package was
 *     wrapped for; null in entries written before outcomes cited their request
 * @param approvalSeqs the sequences of the approval entries the wrap relied on; null as {@code
 *     requestSeq} is
 */
public record KeyWrapped(
    String recipient,
    String recipientId,
    String environment,
    String recipientCertificateSha256,
    String wrapping,
    String mechanism,
    String kcv,
    String packageId,
    Instant expiresAt,
    String approvedBy,
    Long requestSeq,
    List<Long> approvalSeqs)
    implements LedgerDetails {}
