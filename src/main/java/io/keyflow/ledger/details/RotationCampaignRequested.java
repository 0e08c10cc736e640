package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code ROTATION_CAMPAIGN_REQUESTED}: the rotation sweep asks for one approval of every key due
 * that passed the single-rotation checks, each with its new version fixed now; what the per-key
 * steps act on.
 *
 * @param refused keys due that failed the single-rotation checks, with why
 * @param skipped keys due that were being rotated already
 */
public record RotationCampaignRequested(
    String reason,
    Integer keyCount,
    List<Item> items,
    List<RefusedKey> refused,
    List<String> skipped)
    implements CampaignRequest {

  /**
   * One key of the campaign.
   *
   * @param item the key's alias, as exclusions and per-key steps name it
   */
  public record Item(
      String item,
      String keyId,
      String purpose,
      String environment,
      String currentVersionId,
      Integer currentVersion,
      Instant protectStop,
      String newVersionId,
      Integer newVersion,
      Long encryptPeriodDays,
      Long retentionDays,
      String reason)
      implements CampaignItem {}

  /** A key due that the single-rotation checks refused. */
  public record RefusedKey(String alias, String reason) {}
}
