package io.keyflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The age past which the last storage attestation fails control 4.3. */
class ComplianceSettingsTest {

  @EnableConfigurationProperties(ComplianceSettings.class)
  static class Compliance {}

  private final SettingsStartup startup = SettingsStartup.of(Compliance.class);

  @Test
  void anAttestationMayBeThirtyFiveDaysOldByDefault() {
    assertThat(startup.bound(ComplianceSettings.class).attestationMaxAge())
        .isEqualTo(Duration.ofDays(35));
    assertThat(
            startup
                .bound(ComplianceSettings.class, "keyflow.compliance.attestation-max-age=P10D")
                .attestationMaxAge())
        .isEqualTo(Duration.ofDays(10));
  }

  @Test
  void anEmptyMaximumAgeMeansTheDefault() {
    assertThat(
            startup
                .bound(ComplianceSettings.class, "keyflow.compliance.attestation-max-age=")
                .attestationMaxAge())
        .isEqualTo(Duration.ofDays(35));
  }
}
