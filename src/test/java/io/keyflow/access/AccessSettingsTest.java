package io.keyflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Key access settings: grant length, review cycle and escalation, usage flush interval. */
class AccessSettingsTest {

  @EnableConfigurationProperties(AccessSettings.class)
  @Import(AccessSchedule.class)
  static class Access {}

  private final SettingsStartup startup = SettingsStartup.of(Access.class);

  @Test
  void defaultsAreAYearlyGrantAQuarterlyReviewEscalatedAfterTwoWeeksAndFiveSecondFlushes() {
    assertThat(startup.bound(AccessSettings.class))
        .isEqualTo(
            new AccessSettings(
                Duration.ofDays(365),
                Duration.ofDays(90),
                Duration.ofDays(14),
                Duration.ofSeconds(5)));
    AccessSchedule schedule = startup.bound(AccessSchedule.class);
    assertThat(schedule.getReviewCycle()).isEqualTo("R/PT2160H");
    assertThat(schedule.getReviewEscalation()).isEqualTo("PT336H");
  }

  @Test
  void aReviewCycleLongerThanSixMonthsIsRefused() {
    assertThat(startup.refusal("keyflow.access.review-cycle=200d"))
        .contains("\"keyflow.access.review-cycle\"", "at most 183 days");
  }

  @Test
  void aZeroGrantDurationIsRefused() {
    assertThat(startup.refusal("keyflow.access.max-grant-duration=0s"))
        .contains("\"keyflow.access.max-grant-duration\"", "must be positive");
  }

  @Test
  void aUsageFlushIntervalOverAMinuteIsRefused() {
    assertThat(startup.refusal("keyflow.access.usage-flush-interval=2m"))
        .contains("\"keyflow.access.usage-flush-interval\"", "at most a minute");
  }
}
