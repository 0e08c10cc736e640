package io.keyflow.ledger.details;

import java.util.List;

/**
 * An outcome that a campaign may have authorised (a rotation or destruction): when it did, the
 * entry names the campaign and the ledger sequences of its request and approvals, so the outcome
 * cites its authority. All three are null for a single request's outcome.
 */
public sealed interface CampaignStep permits KeyRotated, KeyDestroyed {

  /** The campaign's process instance, or null. */
  String campaign();

  /** The sequence of the campaign's request entry, or null. */
  Long campaignRequestSeq();

  /** The sequences of the campaign approvals that cover this step, or null. */
  List<Long> campaignApprovalSeqs();

  /** Whether a campaign authorised this step. */
  default boolean byCampaign() {
    return campaign() != null && campaignRequestSeq() != null;
  }
}
