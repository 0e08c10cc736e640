package io.keyflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** How the HSM steps retry, as the BPMN reads it through {@link RetryPolicy}. */
class RetrySettingsTest {

  @EnableConfigurationProperties(RetrySettings.class)
  @Import(RetryPolicy.class)
  static class Retries {}

  private final SettingsStartup startup = SettingsStartup.of(Retries.class);

  @Test
  void byDefaultTheCycleIsComputedToOutlastAnEightHourOutageBackingOffToOneHour() {
    assertThat(startup.bound(RetrySettings.class))
        .isEqualTo(new RetrySettings(null, Duration.ofHours(8), Duration.ofHours(1)));
    assertThat(startup.bound(RetryPolicy.class).getVaultCycle())
        .isEqualTo(RetryPolicy.backOff(Duration.ofHours(8), Duration.ofHours(1)));
  }

  @Test
  void anExplicitCycleIsTakenAsWrittenAndAnEmptyOneComputed() {
    assertThat(
            startup
                .bound(RetryPolicy.class, "keyflow.retries.vault-cycle= R5/PT1M ")
                .getVaultCycle())
        .isEqualTo("R5/PT1M");
    assertThat(
            startup
                .bound(
                    RetryPolicy.class,
                    "keyflow.retries.vault-cycle=",
                    "keyflow.retries.vault-outage-tolerance=PT3M",
                    "keyflow.retries.vault-max-backoff=PT1M")
                .getVaultCycle())
        .isEqualTo("PT10S,PT30S,PT1M,PT1M,PT1M");
  }

  @Test
  void aToleranceOrBackOffThatIsNotPositiveIsRefusedWhenTheCycleIsComputed() {
    assertThat(startup.refusal("keyflow.retries.vault-outage-tolerance=0s"))
        .contains("keyflow.retries.vault-outage-tolerance must be a positive duration");
    assertThat(startup.refusal("keyflow.retries.vault-max-backoff=-1s"))
        .contains("keyflow.retries.vault-max-backoff must be a positive duration");
  }

  @Test
  void anExplicitCycleMakesToleranceAndBackOffIrrelevant() {
    assertThat(
            startup
                .bound(
                    RetryPolicy.class,
                    "keyflow.retries.vault-cycle=R3/PT1S",
                    "keyflow.retries.vault-outage-tolerance=0s")
                .getVaultCycle())
        .isEqualTo("R3/PT1S");
  }
}
