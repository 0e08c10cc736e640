package io.keyflow.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.hsm.OaepHash;
import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** How long a package waits, and how strictly a recipient's wrapping key is compared. */
class DistributionSettingsTest {

  @EnableConfigurationProperties(DistributionSettings.class)
  static class Distribution {}

  private final SettingsStartup startup = SettingsStartup.of(Distribution.class);

  @Test
  void defaultsAreAWeekForPickupThePolicysWrappingAlgorithmsAndTheVaultsOaepHash() {
    assertThat(startup.bound(DistributionSettings.class))
        .isEqualTo(new DistributionSettings(Duration.ofDays(7), false, null));
  }

  @Test
  void aMonthEqualStrengthAndAnOaepHashAreBound() {
    assertThat(
            startup.bound(
                DistributionSettings.class,
                "keyflow.distribution.package-lifetime=P30D",
                "keyflow.distribution.require-equal-strength=true",
                "keyflow.distribution.oaep-hash=SHA1"))
        .isEqualTo(new DistributionSettings(Duration.ofDays(30), true, OaepHash.SHA1));
  }

  @Test
  void aLifetimeThatIsNotPositiveOrOverThirtyDaysIsRefused() {
    assertThat(startup.refusal("keyflow.distribution.package-lifetime=0d"))
        .contains("\"keyflow.distribution.package-lifetime\"", "positive and at most 30 days");
    assertThat(startup.refusal("keyflow.distribution.package-lifetime=31d"))
        .contains("\"keyflow.distribution.package-lifetime\"", "positive and at most 30 days");
  }
}
