package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code KEY_DESTROYED}: a version destroyed in the vault, verified absent and kept as a tombstone.
 *
 * @param previousState the state it was destroyed from
 * @param vaultObjectDestroyed whether this destruction removed the vault object (false when a retry
 *     found it gone)
 * @param approvedBy the approving officers, in order
 * @param requestSeq the sequence of the {@code KEY_DESTRUCTION_REQUESTED} entry this destruction
 *     carried out; null for a campaign's version (see {@link #campaignRequestSeq()}) and in entries
 *     written before outcomes cited their request
 * @param approvalSeqs the sequences of the approval entries it relied on; null as {@code
 *     requestSeq} is
 */
public record KeyDestroyed(
    Instant destroyedAt,
    String previousState,
    Instant retainUntil,
    String kcv,
    String vaultBackend,
    String hsmLabel,
    Boolean vaultObjectDestroyed,
    Boolean verifiedAbsent,
    String requestedBy,
    List<String> approvedBy,
    String reason,
    String campaign,
    Long campaignRequestSeq,
    List<Long> campaignApprovalSeqs,
    Long requestSeq,
    List<Long> approvalSeqs)
    implements LedgerDetails, CampaignStep {}
