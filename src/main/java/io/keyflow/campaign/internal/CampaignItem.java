package io.keyflow.campaign.internal;

import io.keyflow.campaign.ItemState;

/**
 * One key (or {@code alias/vN}) of a campaign, its state, its per-key instance and a note (e.g. why
 * excluded).
 */
public record CampaignItem(
    String item, String alias, ItemState state, String processInstanceId, String note) {}
