package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.KeyflowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

  private final ProductionGuard guard = new ProductionGuard();

  private static MockEnvironment production() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("production");
    return environment;
  }

  @Test
  void productionRefusesTheEmbeddedH2Database() {
    MockEnvironment environment =
        production().withProperty("spring.datasource.url", "jdbc:h2:file:./data/keyflow");
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("spring.datasource.url");
  }

  @Test
  void productionRefusesADatabaseWithoutCredentials() {
    MockEnvironment environment =
        production()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db/keyflow")
            .withProperty("spring.datasource.username", "keyflow");
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("spring.datasource.password");
  }

  private static MockEnvironment productionWithDatabase() {
    return production()
        .withProperty("spring.datasource.url", "jdbc:postgresql://db/keyflow")
        .withProperty("spring.datasource.username", "keyflow")
        .withProperty("spring.datasource.password", "secret");
  }

  @Test
  void productionRefusesToServeThePlainHttpPort() {
    MockEnvironment environment = productionWithDatabase();
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("the main port must serve TLS")
        .hasMessageContaining("server.ssl.certificate")
        .hasMessageContaining("keyflow.tls.terminated-by-proxy=true");
  }

  @Test
  void productionRefusesTlsOlderThanOnePointTwo() {
    MockEnvironment environment =
        productionWithDatabase()
            .withProperty("server.ssl.certificate", "/etc/keyflow/tls.crt")
            .withProperty("server.ssl.enabled-protocols", "TLSv1.1,TLSv1.2");
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("TLSv1.1");
  }

  @Test
  void productionWithACertificateGetsModernTlsAndSecureSessionCookies() {
    MockEnvironment environment =
        productionWithDatabase().withProperty("server.ssl.certificate", "/etc/keyflow/tls.crt");
    guard.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("server.ssl.enabled-protocols"))
        .isEqualTo("TLSv1.3,TLSv1.2");
    assertThat(environment.getProperty("server.ssl.ciphers"))
        .contains("TLS_AES_256_GCM_SHA384")
        .doesNotContain("CBC", "TLS_RSA_WITH");
    assertThat(environment.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
    assertThat(environment.getProperty("server.servlet.session.cookie.http-only"))
        .isEqualTo("true");
    assertThat(environment.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie"))
        .isEqualTo("true");
  }

  @Test
  void aTlsTerminatingProxyMustBeNamedAndOnlyItsForwardedHeadersAreBelieved() {
    MockEnvironment unnamed =
        productionWithDatabase().withProperty("keyflow.tls.terminated-by-proxy", "true");
    assertThatThrownBy(() -> guard.postProcessEnvironment(unnamed, new SpringApplication()))
        .hasMessageContaining("keyflow.tls.trusted-proxies");

    MockEnvironment named =
        productionWithDatabase()
            .withProperty("keyflow.tls.terminated-by-proxy", "true")
            .withProperty("keyflow.tls.trusted-proxies", "10.0.0.5, 10.0.0.6");
    guard.postProcessEnvironment(named, new SpringApplication());
    assertThat(named.getProperty("server.forward-headers-strategy")).isEqualTo("native");
    assertThat(named.getProperty("server.tomcat.remoteip.internal-proxies"))
        .isEqualTo("10\\.0\\.0\\.5|10\\.0\\.0\\.6");
    assertThat(named.getProperty("server.tomcat.remoteip.protocol-header"))
        .isEqualTo("X-Forwarded-Proto");
    assertThat(named.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
    assertThat(named.getProperty("server.ssl.enabled")).isNull();
  }

  @Test
  void productionAcceptsAConfiguredDatabaseAndDemoIgnoresTheRule() {
    MockEnvironment environment =
        productionWithDatabase().withProperty("server.ssl.certificate", "/etc/keyflow/tls.crt");
    assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .doesNotThrowAnyException();
    MockEnvironment demo =
        new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x");
    assertThatCode(() -> guard.postProcessEnvironment(demo, new SpringApplication()))
        .doesNotThrowAnyException();
  }

  @Test
  void theApplicationRefusesToStartInProductionWithoutTlsBeforeOpeningAnything() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(KeyflowApplication.class)
                    .profiles("production")
                    .run(
                        "--spring.datasource.url=jdbc:postgresql://db.invalid/keyflow",
                        "--spring.datasource.username=keyflow",
                        "--spring.datasource.password=secret"))
        .hasMessageContaining("the main port must serve TLS");
  }

  @Test
  void theApplicationItselfRefusesToStartInProductionOnItsDefaults() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(KeyflowApplication.class).profiles("production").run())
        .hasMessageContaining("The production profile needs a real database");
  }
}
