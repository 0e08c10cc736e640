package io.keyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.SettingsStartup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The largest request body the REST endpoints read. */
class HttpSettingsTest {

  @EnableConfigurationProperties(HttpSettings.class)
  static class Http {}

  private final SettingsStartup startup = SettingsStartup.of(Http.class);

  @Test
  void bodiesUpTo256KilobytesAreReadByDefault() {
    assertThat(startup.bound(HttpSettings.class).maxRequestBody())
        .isEqualTo(DataSize.ofKilobytes(256));
    assertThat(
            startup.bound(HttpSettings.class, "keyflow.http.max-request-body=1MB").maxRequestBody())
        .isEqualTo(DataSize.ofMegabytes(1));
  }

  @Test
  void anEmptyLimitMeansTheDefault() {
    assertThat(startup.bound(HttpSettings.class, "keyflow.http.max-request-body=").maxRequestBody())
        .isEqualTo(DataSize.ofKilobytes(256));
  }
}
