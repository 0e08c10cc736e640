package io.keyflow.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The KMIP listener's settings: off by default, bounded limits, refused out of range. */
class KmipSettingsTest {

  @EnableConfigurationProperties(KmipSettings.class)
  static class Kmip {}

  private final SettingsStartup startup = SettingsStartup.of(Kmip.class);

  @Test
  void byDefaultThereIsNoListenerAndTheLimitsAreAMebibyteSixteenLevelsAndThirtySeconds() {
    KmipSettings settings = startup.bound(KmipSettings.class);
    assertThat(settings.enabled()).isFalse();
    assertThat(settings.maxMessageBytes()).isEqualTo(1 << 20);
    assertThat(settings.maxItemBytes()).isEqualTo(1 << 18);
    assertThat(settings.maxDepth()).isEqualTo(16);
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxConnections()).isEqualTo(64);
    assertThat(settings.maxConnectionsPerClient()).isEqualTo(8);
    assertThat(settings.selfSignedDir()).isEqualTo("./data");
  }

  @Test
  void thePortTurnsTheListenerOn() {
    assertThat(startup.bound(KmipSettings.class, "keyflow.kmip.port=5696").enabled()).isTrue();
  }

  @Test
  void limitsOutOfRangeAreRefusedAtStartUp() {
    assertThat(startup.refusal("keyflow.kmip.port=70000"))
        .contains("\"keyflow.kmip.port\"", "less than or equal to 65535");
    assertThat(startup.refusal("keyflow.kmip.max-message-bytes=100"))
        .contains("\"keyflow.kmip.max-message-bytes\"", "greater than or equal to 1024");
    assertThat(startup.refusal("keyflow.kmip.max-depth=200"))
        .contains("\"keyflow.kmip.max-depth\"", "less than or equal to 64");
    assertThat(startup.refusal("keyflow.kmip.read-timeout=0s"))
        .contains("\"keyflow.kmip.read-timeout\"", "between 1 second and 30 minutes");
    assertThat(startup.refusal("keyflow.kmip.max-connections-per-client=0"))
        .contains("\"keyflow.kmip.max-connections-per-client\"", "greater than or equal to 1");
  }
}
