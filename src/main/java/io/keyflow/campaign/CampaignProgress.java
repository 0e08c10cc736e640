package io.keyflow.campaign;

import java.util.Map;

/**
 * A campaign's counts: keys in its request, how many an approval excluded, and of the others how
 * many are done, failed (an incident on the key's own instance) and remaining (pending or running).
 */
public record CampaignProgress(int keys, int excluded, int done, int failed, int remaining) {

  public static CampaignProgress of(Map<ItemState, Integer> counts) {
    int excluded = counts.getOrDefault(ItemState.EXCLUDED, 0);
    int done = counts.getOrDefault(ItemState.DONE, 0);
    int failed = counts.getOrDefault(ItemState.FAILED, 0);
    int remaining =
        counts.getOrDefault(ItemState.PENDING, 0) + counts.getOrDefault(ItemState.RUNNING, 0);
    return new CampaignProgress(
        excluded + done + failed + remaining, excluded, done, failed, remaining);
  }
}
