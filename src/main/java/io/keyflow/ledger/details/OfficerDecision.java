package io.keyflow.ledger.details;

import java.util.List;

/**
 * Every officer decision on a request: {@code *_APPROVED} and {@code *_REJECTED} of each phase and
 * campaign, and a compromise report's {@code KEY_COMPROMISE_CONFIRMED} or {@code _DISMISSED}.
 *
 * @param task the approval task's name
 * @param requestedBy the requester, as the request entry recorded them
 * @param approvers everyone who has approved the request so far, this officer included when it is
 *     an approval
 * @param comment the officer's comment, or null when they gave none
 * @param campaignRequestSeq for a campaign approval: the sequence of the request it approves
 * @param keysInRequest for a campaign approval: how many items the request listed
 * @param exclusions for a campaign approval: the items it leaves out, each with a reason
 */
public record OfficerDecision(
    String task,
    String requestedBy,
    List<String> approvers,
    String comment,
    Long campaignRequestSeq,
    Integer keysInRequest,
    List<Exclusion> exclusions)
    implements LedgerDetails {

  /** A decision on a single request (no campaign fields). */
  public static OfficerDecision of(
      String task, String requestedBy, List<String> approvers, String comment) {
    return new OfficerDecision(task, requestedBy, approvers, comment, null, null, null);
  }

  /** The same decision as a campaign's approval: which request, how big, and what it excludes. */
  public OfficerDecision ofCampaign(
      long campaignRequestSeq, int keysInRequest, List<Exclusion> exclusions) {
    return new OfficerDecision(
        task, requestedBy, approvers, comment, campaignRequestSeq, keysInRequest, exclusions);
  }

  /** An item (key alias, or {@code alias/vN}) a campaign approval leaves out, and why. */
  public record Exclusion(String item, String reason) {}
}
