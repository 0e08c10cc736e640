package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code DESTRUCTION_CAMPAIGN_REQUESTED}: the destruction sweep asks for dual control over every
 * version whose retention ended and that passed the single-destruction checks.
 *
 * @param refused versions due that failed the single-destruction checks, with why
 * @param skipped versions due that were being destroyed already ({@code alias/vN})
 */
public record DestructionCampaignRequested(
    String reason,
    Integer versionCount,
    Integer requiredApprovals,
    List<Item> items,
    List<RefusedVersion> refused,
    List<String> skipped)
    implements CampaignRequest {

  /**
   * One version of the campaign.
   *
   * @param item the version as {@code alias/vN}, as exclusions and per-version steps name it
   */
  public record Item(
      String item,
      String alias,
      String keyId,
      String purpose,
      String environment,
      String versionId,
      Integer version,
      String state,
      Instant retainUntil,
      String kcv,
      String hsmLabel,
      String reason)
      implements CampaignItem {}

  /** A version due that the single-destruction checks refused. */
  public record RefusedVersion(String item, String reason) {}
}
