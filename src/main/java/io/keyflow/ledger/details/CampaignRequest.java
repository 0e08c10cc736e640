package io.keyflow.ledger.details;

import java.util.List;

/**
 * A campaign's request: one approval asked for many items, each with the facts its per-key step
 * acts on. What a campaign does is its request's items minus the exclusions of its approvals.
 */
public sealed interface CampaignRequest extends LedgerDetails
    permits RotationCampaignRequested, DestructionCampaignRequested {

  /** The items, in the order listed. */
  List<? extends CampaignItem> items();
}
