package io.keyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * How a campaign runs. When a sweep starts one is rotation's and destruction's to say (their
 * settings tests cover the thresholds).
 */
class CampaignSettingsTest {

  @EnableConfigurationProperties(CampaignSettings.class)
  @Import(CampaignExpressions.class)
  static class Campaign {}

  private final SettingsStartup startup = SettingsStartup.of(Campaign.class);

  @Test
  void theDefaultsAreBatchesOfTwoHundredAndAProgressLookEveryThirtySeconds() {
    assertThat(startup.bound(CampaignSettings.class))
        .isEqualTo(new CampaignSettings(200, Duration.ofSeconds(30)));
    assertThat(startup.bound(CampaignExpressions.class).getProgressInterval()).isEqualTo("PT30S");
  }

  @Test
  void smallBatchesAndAQuickerLookAreBound() {
    assertThat(
            startup.bound(
                CampaignSettings.class,
                "keyflow.campaign.batch-size=2",
                "keyflow.campaign.progress-interval=PT1S"))
        .isEqualTo(new CampaignSettings(2, Duration.ofSeconds(1)));
  }

  @Test
  void aBatchOfNoneOrOverFiveThousandIsRefused() {
    assertThat(startup.refusal("keyflow.campaign.batch-size=0"))
        .contains("\"keyflow.campaign.batch-size\"", "must be between 1 and 5000");
    assertThat(startup.refusal("keyflow.campaign.batch-size=5001"))
        .contains("\"keyflow.campaign.batch-size\"", "must be between 1 and 5000");
  }

  @Test
  void aProgressIntervalThatIsNotPositiveIsRefused() {
    assertThat(startup.refusal("keyflow.campaign.progress-interval=0s"))
        .contains("\"keyflow.campaign.progress-interval\"", "must be positive, e.g. PT30S");
  }
}
