package io.keyflow.campaign;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a sweep starts one campaign instead of one process per key, and how a campaign runs; from
 * {@code keyflow.rotation.campaign-threshold}, {@code keyflow.destruction.campaign-threshold} and
 * {@code keyflow.campaign.*}. Referenced from the BPMN as {@code ${keyflowCampaigns.…}}.
 */
@Component("keyflowCampaigns")
public class CampaignSettings {

  private final int rotationThreshold;
  private final int destructionThreshold;
  private final int batchSize;
  private final Duration progressInterval;

  CampaignSettings(
      @Value("${keyflow.rotation.campaign-threshold:20}") int rotationThreshold,
      @Value("${keyflow.destruction.campaign-threshold:20}") int destructionThreshold,
      @Value("${keyflow.campaign.batch-size:200}") int batchSize,
      @Value("${keyflow.campaign.progress-interval:PT30S}") Duration progressInterval) {
    if (rotationThreshold < 1 || destructionThreshold < 1) {
      throw new IllegalStateException(
          "keyflow.rotation.campaign-threshold and keyflow.destruction.campaign-threshold must be at least 1 key;"
              + " they are "
              + rotationThreshold
              + " and "
              + destructionThreshold);
    }
    if (batchSize < 1 || batchSize > 5000) {
      throw new IllegalStateException(
          "keyflow.campaign.batch-size must be between 1 and 5000; it is " + batchSize);
    }
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalStateException(
          "keyflow.campaign.progress-interval must be positive, e.g. PT30S");
    }
    this.rotationThreshold = rotationThreshold;
    this.destructionThreshold = destructionThreshold;
    this.batchSize = batchSize;
    this.progressInterval = progressInterval;
  }

  /**
   * More keys due than this, and the rotation sweep starts one campaign instead of single
   * rotations.
   */
  public int rotationThreshold() {
    return rotationThreshold;
  }

  /** More versions due than this, and the destruction sweep starts one campaign. */
  public int destructionThreshold() {
    return destructionThreshold;
  }

  /**
   * How many per-key instances one job of a campaign starts (each batch is its own transaction).
   */
  public int batchSize() {
    return batchSize;
  }

  /** For the campaign's progress timer (ISO-8601). */
  public String getProgressInterval() {
    return progressInterval.toString();
  }
}
