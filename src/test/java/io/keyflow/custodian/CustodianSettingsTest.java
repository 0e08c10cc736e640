package io.keyflow.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** What custodians acknowledge, and how often. */
class CustodianSettingsTest {

  @EnableConfigurationProperties(CustodianSettings.class)
  @Import(CustodianExpressions.class)
  static class Custodian {}

  private final SettingsStartup startup = SettingsStartup.of(Custodian.class);

  @Test
  void defaultsAreTheBuiltInTextAYearlyAcknowledgementAndADailySweepAlsoAtStartUp() {
    assertThat(startup.bound(CustodianSettings.class))
        .isEqualTo(
            new CustodianSettings(
                CustodianSettings.DEFAULT_RESPONSIBILITIES, Duration.ofDays(365), "R/P1D", true));
    assertThat(startup.bound(CustodianExpressions.class).getSweepCycle()).isEqualTo("R/P1D");
  }

  @Test
  void anEmptyTextStandsForTheBuiltInOneAndAnOwnTextIsStripped() {
    assertThat(
            startup
                .bound(CustodianSettings.class, "keyflow.custodian.responsibilities=")
                .responsibilities())
        .isEqualTo(CustodianSettings.DEFAULT_RESPONSIBILITIES);
    assertThat(
            startup
                .bound(CustodianSettings.class, "keyflow.custodian.responsibilities=  I will.  ")
                .responsibilities())
        .isEqualTo("I will.");
  }

  @Test
  void aMonthlyAcknowledgementWithoutStartUpSweepIsBound() {
    CustodianSettings settings =
        startup.bound(
            CustodianSettings.class,
            "keyflow.custodian.acknowledgement-interval=30d",
            "keyflow.custodian.sweep-on-startup=false");
    assertThat(settings.acknowledgementInterval()).isEqualTo(Duration.ofDays(30));
    assertThat(settings.sweepOnStartup()).isFalse();
  }

  @Test
  void aTextLongerThanTheProcessCanCarryIsRefused() {
    String tooLong = "x".repeat(CustodianAcknowledgementProcess.MAX_RESPONSIBILITIES + 1);
    assertThat(startup.refusal("keyflow.custodian.responsibilities=" + tooLong))
        .contains(
            "\"keyflow.custodian.responsibilities\"",
            "must be at most " + CustodianAcknowledgementProcess.MAX_RESPONSIBILITIES);
  }

  @Test
  void anIntervalOfLessThanADayOrMoreThanAYearIsRefused() {
    assertThat(startup.refusal("keyflow.custodian.acknowledgement-interval=0d"))
        .contains("\"keyflow.custodian.acknowledgement-interval\"", "at least yearly");
    assertThat(startup.refusal("keyflow.custodian.acknowledgement-interval=366d"))
        .contains("\"keyflow.custodian.acknowledgement-interval\"", "at least yearly");
  }

  @Test
  void aBlankSweepCycleIsRefused() {
    assertThat(startup.refusal("keyflow.custodian.sweep-cycle="))
        .contains("\"keyflow.custodian.sweep-cycle\"", "must be an ISO-8601 cycle or cron");
  }
}
