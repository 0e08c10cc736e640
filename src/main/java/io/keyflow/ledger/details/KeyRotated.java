package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code KEY_ROTATED}: a new version is ACTIVE and primary. After an approved rotation the old
 * version is DEACTIVATED and retained; after a confirmed compromise ({@code emergency}) the
 * compromised versions stay COMPROMISED and no old version is deactivated.
 *
 * @param oldVersion the deactivated version's number, null for an emergency rotation
 * @param approvedBy the approving officers (the confirming officer for an emergency rotation)
 * @param recipientsToRedistribute recipients holding the replaced version
 * @param emergency true for the replacement after a confirmed compromise, else null
 * @param compromisedVersions for an emergency rotation, the versions it replaces
 * @param requestSeq the request entry the rotation acted on ({@code KEY_ROTATION_REQUESTED}, or
 *     {@code KEY_COMPROMISE_REPORTED} for an emergency rotation); null for a campaign's rotation,
 *     which cites the campaign's, and in entries written before outcomes cited their request
 * @param approvalSeqs the approval (or confirmation) entries that authorised it; null as for {@code
 *     requestSeq}
 */
public record KeyRotated(
    String oldVersionId,
    Integer oldVersion,
    String newVersionId,
    Integer newVersion,
    String kcv,
    String vaultBackend,
    String hsmLabel,
    Instant protectStop,
    Instant oldDeactivatedAt,
    Instant oldRetainUntil,
    String requestedBy,
    List<String> approvedBy,
    String reason,
    List<String> recipientsToRedistribute,
    Boolean emergency,
    List<Integer> compromisedVersions,
    String campaign,
    Long campaignRequestSeq,
    List<Long> campaignApprovalSeqs,
    Long requestSeq,
    List<Long> approvalSeqs)
    implements LedgerDetails, CampaignStep {}
