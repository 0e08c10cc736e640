package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code KEY_ACCESS_GRANTED}: an approved grant became active until {@code expiresAt}.
 *
 * @param grantId the grant's id
 * @param keyGroup the key group it covers, or null for the key the entry names
 * @param approvedBy the approving officers
 * @param requestSeq the {@code KEY_ACCESS_REQUESTED} entry it carries out
 * @param approvalSeqs the {@code KEY_ACCESS_APPROVED} entries it relied on
 */
public record KeyAccessGranted(
    String grantId,
    String system,
    String keyGroup,
    List<String> operations,
    Instant expiresAt,
    List<String> approvedBy,
    Long requestSeq,
    List<Long> approvalSeqs)
    implements LedgerDetails {}
