package io.keyflow.rotation;

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

/** The rotation settings refuse to start on values that would weaken the procedure. */
class RotationSettingsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  @EnableConfigurationProperties(RotationSettings.class)
  @Import(RotationExpressions.class)
  static class Rotation {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  private final SettingsStartup startup = SettingsStartup.of(Rotation.class);

  @Test
  void defaultsAreThirtyDaysLeadSevenDaysEscalationADailySweepAndCampaignsAboveTwentyKeys() {
    assertThat(startup.bound(RotationSettings.class))
        .isEqualTo(new RotationSettings(Duration.ofDays(30), Duration.ofDays(7), "R/P1D", 20));
  }

  @Test
  void theProcessesReadTheEscalationAsIsoDurationAndDueDateAndTheSweepCycle() {
    RotationExpressions expressions =
        startup.bound(RotationExpressions.class, "keyflow.rotation.approval-escalation=2d");

    assertThat(expressions.getApprovalEscalation()).isEqualTo("PT48H");
    assertThat(expressions.getApprovalDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(2))));
    assertThat(expressions.getSweepCycle()).isEqualTo("R/P1D");
  }

  @Test
  void sensibleValuesAreBound() {
    assertThat(
            startup.bound(
                RotationSettings.class,
                "keyflow.rotation.lead-time=0d",
                "keyflow.rotation.approval-escalation=PT12H",
                "keyflow.rotation.sweep-cycle=0 0 2 * * ?",
                "keyflow.rotation.campaign-threshold=1"))
        .isEqualTo(new RotationSettings(Duration.ZERO, Duration.ofHours(12), "0 0 2 * * ?", 1));
  }

  @Test
  void aLeadTimeOverAYearOrNegativeIsRefused() {
    assertThat(startup.refusal("keyflow.rotation.lead-time=400d"))
        .contains("\"keyflow.rotation.lead-time\"", "must be between 0 and 365 days");
    assertThat(startup.refusal("keyflow.rotation.lead-time=-1d"))
        .contains("\"keyflow.rotation.lead-time\"", "must be between 0 and 365 days");
  }

  @Test
  void anEscalationThatIsNotPositiveIsRefused() {
    assertThat(startup.refusal("keyflow.rotation.approval-escalation=0d"))
        .contains("\"keyflow.rotation.approval-escalation\"", "must be positive, e.g. 7d");
  }

  @Test
  void aBlankSweepCycleIsRefused() {
    assertThat(startup.refusal("keyflow.rotation.sweep-cycle= "))
        .contains("\"keyflow.rotation.sweep-cycle\"", "must be an ISO-8601 cycle or cron");
  }

  @Test
  void aCampaignThresholdBelowOneKeyIsRefused() {
    assertThat(startup.refusal("keyflow.rotation.campaign-threshold=0"))
        .contains("\"keyflow.rotation.campaign-threshold\"", "must be at least 1 key");
  }

  @Test
  void theReportTellsTheOperatorToFixTheConfiguration() {
    assertThat(startup.refusal("keyflow.rotation.lead-time=400d"))
        .contains("Binding to target " + RotationSettings.class.getName() + " failed")
        .contains("Action:", "Update your application's configuration");
  }
}
