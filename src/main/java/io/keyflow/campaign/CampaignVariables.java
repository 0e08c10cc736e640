package io.keyflow.campaign;

import java.util.Map;

/**
 * Variables of both campaign processes, set by Keyflow's steps only (visible in Cockpit). The
 * approval forms let officers fill in only {@code approved}, {@code comment} and {@code
 * exclusions}.
 */
public final class CampaignVariables {

  public static final String REQUESTED_BY = "requestedBy";

  /** Keys (or versions) in the campaign's request. */
  public static final String KEYS_IN_CAMPAIGN = "keysInCampaign";

  /** Keys due that the single-request checks refused (listed in the request entry). */
  public static final String KEYS_REFUSED = "keysRefused";

  /** The first keys as {@code alias | purpose | environment | protect-stop} lines, for the form. */
  public static final String CAMPAIGN_KEYS = "campaignKeys";

  /**
   * The officer's exclusions ({@code alias: reason} a line); replaced by the excluded names once
   * recorded.
   */
  public static final String EXCLUSIONS = "exclusions";

  public static final String KEYS_TO_START = "keysToStart";
  public static final String KEYS_STARTED = "keysStarted";
  public static final String KEYS_DONE = "keysDone";
  public static final String KEYS_FAILED = "keysFailed";
  public static final String KEYS_REMAINING = "keysRemaining";
  public static final String KEYS_EXCLUDED = "keysExcluded";
  public static final String REFUSAL_REASON = "refusalReason";

  // Per-key instances: start variables, set by the campaign.
  public static final String CAMPAIGN_ID = "campaignId";
  public static final String ALIAS = "alias";

  /** For a destruction: {@code alias/vN}. */
  public static final String ITEM = "item";

  /** The variables a recorded campaign request shows the approving officers (and Cockpit). */
  public static Map<String, Object> shown(Campaigns.Requested requested) {
    return Map.of(
        KEYS_IN_CAMPAIGN,
        requested.keys(),
        KEYS_REFUSED,
        requested.refused(),
        CAMPAIGN_KEYS,
        requested.preview(),
        KEYS_REMAINING,
        requested.keys());
  }

  private CampaignVariables() {}
}
