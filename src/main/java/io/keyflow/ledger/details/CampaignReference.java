package io.keyflow.ledger.details;

import java.util.List;

/**
 * The campaign entries that authorise one of its per-key steps: the campaign's process instance,
 * its request entry and the approval entries covering the key. Written into the step's outcome
 * ({@link KeyRotated}, {@link KeyDestroyed}) as its {@link CampaignStep} fields.
 */
public record CampaignReference(String campaign, long requestSeq, List<Long> approvalSeqs) {

  public CampaignReference {
    approvalSeqs = List.copyOf(approvalSeqs);
  }
}
