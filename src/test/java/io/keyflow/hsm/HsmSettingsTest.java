package io.keyflow.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** How many campaign steps may use the vault at once. */
class HsmSettingsTest {

  @EnableConfigurationProperties(HsmSettings.class)
  @Import(HsmConcurrency.class)
  static class Hsm {}

  private final SettingsStartup startup = SettingsStartup.of(Hsm.class);

  @Test
  void fourVaultOperationsRunAtOnceByDefault() {
    assertThat(startup.bound(HsmConcurrency.class).maxConcurrency()).isEqualTo(4);
    assertThat(
            startup.bound(HsmConcurrency.class, "keyflow.hsm.max-concurrency=256").maxConcurrency())
        .isEqualTo(256);
  }

  @Test
  void noneOrMoreThan256AreRefused() {
    assertThat(startup.refusal("keyflow.hsm.max-concurrency=0"))
        .contains("\"keyflow.hsm.max-concurrency\"", "must be between 1 and 256");
    assertThat(startup.refusal("keyflow.hsm.max-concurrency=257"))
        .contains("\"keyflow.hsm.max-concurrency\"", "must be between 1 and 256");
  }
}
