package io.keyflow.campaign;

/** What a campaign does to each of its keys. */
public enum CampaignKind {
  ROTATION,
  DESTRUCTION
}
