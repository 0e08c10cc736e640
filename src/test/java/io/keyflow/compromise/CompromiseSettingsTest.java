package io.keyflow.compromise;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Compromise timing: a report is escalated, holders get a window to re-encrypt. */
class CompromiseSettingsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  @EnableConfigurationProperties(CompromiseSettings.class)
  @Import(CompromiseExpressions.class)
  static class Compromise {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  private final SettingsStartup startup = SettingsStartup.of(Compromise.class);

  @Test
  void defaultsAreFourHoursToConfirmAndThirtyDaysToReEncrypt() {
    assertThat(startup.bound(CompromiseSettings.class))
        .isEqualTo(new CompromiseSettings(Duration.ofHours(4), Duration.ofDays(30)));
  }

  @Test
  void theProcessReadsBothAsIsoDurationsAndTheConfirmationsDueDate() {
    CompromiseExpressions expressions = startup.bound(CompromiseExpressions.class);

    assertThat(expressions.getConfirmationEscalation()).isEqualTo("PT4H");
    assertThat(expressions.getReEncryptionWindow()).isEqualTo("PT720H");
    assertThat(expressions.getConfirmationDueDate())
        .isEqualTo(Date.from(NOW.plus(Duration.ofHours(4))));
  }

  @Test
  void noReEncryptionWindowAtAllIsAllowed() {
    assertThat(
            startup
                .bound(CompromiseSettings.class, "keyflow.compromise.re-encryption-window=0d")
                .reEncryptionWindow())
        .isZero();
  }

  @Test
  void aWindowOverAYearOrNegativeIsRefused() {
    assertThat(startup.refusal("keyflow.compromise.re-encryption-window=366d"))
        .contains("\"keyflow.compromise.re-encryption-window\"", "between 0 and 365 days");
    assertThat(startup.refusal("keyflow.compromise.re-encryption-window=-1d"))
        .contains("\"keyflow.compromise.re-encryption-window\"", "between 0 and 365 days");
  }

  @Test
  void anEscalationThatIsNotPositiveIsRefused() {
    assertThat(startup.refusal("keyflow.compromise.confirmation-escalation=0s"))
        .contains("\"keyflow.compromise.confirmation-escalation\"", "must be positive, e.g. PT4H");
  }
}
