package io.keyflow.campaign.internal;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.RequestRefused;
import io.keyflow.shared.Refusal;

/** A refused campaign request, written to the ledger as the single-key refusal it stands for. */
public final class CampaignRefusals {

  private CampaignRefusals() {}

  /**
   * Appends the refusal under {@code action} (its details naming the reason and the campaign) and
   * returns it, to be thrown.
   */
  public static Refusal recorded(
      Ledger ledger,
      LedgerAction action,
      String requestedBy,
      String campaignId,
      RequestRefused details,
      Refusal refusal) {
    ledger.append(
        LedgerEvent.builder(action, requestedBy == null ? "anonymous" : requestedBy)
            .processInstance(campaignId)
            .details(details)
            .build());
    return refusal;
  }
}
