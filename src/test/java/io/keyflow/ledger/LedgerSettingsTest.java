package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** How often the ledger's head is signed. */
class LedgerSettingsTest {

  @EnableConfigurationProperties(LedgerSettings.class)
  static class Ledger {}

  private final SettingsStartup startup = SettingsStartup.of(Ledger.class);

  @Test
  void theHeadIsSignedHourlyByDefaultAndAsOftenAsEveryMinute() {
    assertThat(startup.bound(LedgerSettings.class).checkpointInterval())
        .isEqualTo(Duration.ofHours(1));
    assertThat(
            startup
                .bound(LedgerSettings.class, "keyflow.ledger.checkpoint-interval=PT1M")
                .checkpointInterval())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anIntervalUnderOneMinuteIsRefused() {
    assertThat(startup.refusal("keyflow.ledger.checkpoint-interval=PT30S"))
        .contains("\"keyflow.ledger.checkpoint-interval\"", "must be at least one minute");
  }
}
