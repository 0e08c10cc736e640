package io.keyflow.ledger.details;

/** One item of a {@link CampaignRequest}: a key (rotation) or a key version (destruction). */
public sealed interface CampaignItem
    permits RotationCampaignRequested.Item, DestructionCampaignRequested.Item {

  /** The item's name, as exclusions and per-key steps give it: an alias, or {@code alias/vN}. */
  String item();

  /** The key the item concerns. */
  String keyId();
}
