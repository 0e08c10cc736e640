package io.keyflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** When the storage attestation runs by itself. */
class StorageSettingsTest {

  @EnableConfigurationProperties(StorageSettings.class)
  @Import(AttestationSchedule.class)
  static class Storage {}

  private final SettingsStartup startup = SettingsStartup.of(Storage.class);

  @Test
  void theAttestationRunsAtSixOnTheFirstOfEveryMonthByDefault() {
    assertThat(startup.bound(AttestationSchedule.class).getCycle()).isEqualTo("0 0 6 1 * ?");
    assertThat(
            startup
                .bound(AttestationSchedule.class, "keyflow.storage.attestation-cycle=R/P7D")
                .getCycle())
        .isEqualTo("R/P7D");
  }

  @Test
  void aBlankCycleIsRefused() {
    assertThat(startup.refusal("keyflow.storage.attestation-cycle="))
        .contains("\"keyflow.storage.attestation-cycle\"", "must be a Camunda cycle or cron");
  }
}
