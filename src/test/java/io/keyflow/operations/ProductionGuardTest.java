package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.KeyflowApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * The production profile's settings rules, and the report an operator reads when one is broken: the
 * description and the setting to fix, never a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
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
    assertThatThrownBy(() -> guard.apply(environment))
        .hasMessageContaining("spring.datasource.url");
  }

  @Test
  void productionRefusesADatabaseWithoutCredentials() {
    MockEnvironment environment =
        production()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db/keyflow")
            .withProperty("spring.datasource.username", "keyflow");
    assertThatThrownBy(() -> guard.apply(environment))
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
    assertThatThrownBy(() -> guard.apply(environment))
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
    assertThatThrownBy(() -> guard.apply(environment)).hasMessageContaining("TLSv1.1");
  }

  @Test
  void productionWithACertificateGetsModernTlsAndSecureSessionCookies() {
    MockEnvironment environment =
        productionWithDatabase().withProperty("server.ssl.certificate", "/etc/keyflow/tls.crt");
    guard.apply(environment);
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
    assertThatThrownBy(() -> guard.apply(unnamed))
        .hasMessageContaining("keyflow.tls.trusted-proxies");

    MockEnvironment named =
        productionWithDatabase()
            .withProperty("keyflow.tls.terminated-by-proxy", "true")
            .withProperty("keyflow.tls.trusted-proxies", "10.0.0.5, 10.0.0.6");
    guard.apply(named);
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
    assertThatCode(() -> guard.apply(environment)).doesNotThrowAnyException();
    MockEnvironment demo =
        new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x");
    assertThatCode(() -> guard.apply(demo)).doesNotThrowAnyException();
  }

  @Test
  void withoutTlsTheStartUpReportNamesTheSettingsAndShowsNoStackTrace(CapturedOutput output) {
    String report =
        refusedStart(
            output,
            "--spring.datasource.url=jdbc:postgresql://db.invalid/keyflow",
            "--spring.datasource.username=keyflow",
            "--spring.datasource.password=secret");
    assertThat(report)
        .contains(
            "Description:\n\nThe production profile carries officers' passwords and approvals,"
                + " so the main port must serve TLS.")
        .contains("Action:\n\nSet server.ssl.certificate and server.ssl.certificate-private-key");
  }

  @Test
  void onItsDefaultsTheStartUpReportAsksForARealDatabase(CapturedOutput output) {
    assertThat(refusedStart(output))
        .contains("Description:\n\nThe production profile needs a real database")
        .contains("Action:\n\nSet spring.datasource.url (SPRING_DATASOURCE_URL)");
  }

  @Test
  void withoutDatabaseCredentialsTheStartUpReportNamesThem(CapturedOutput output) {
    assertThat(
            refusedStart(
                output,
                "--spring.datasource.url=jdbc:postgresql://db.invalid/keyflow",
                "--spring.datasource.username=keyflow"))
        .contains("Description:\n\nThe production profile needs database credentials.")
        .contains("Action:\n\nSet spring.datasource.username and spring.datasource.password");
  }

  @Test
  void namingTlsOnePointOneTheStartUpReportSaysWhatToRemove(CapturedOutput output) {
    assertThat(
            refusedStart(
                output,
                "--spring.datasource.url=jdbc:postgresql://db.invalid/keyflow",
                "--spring.datasource.username=keyflow",
                "--spring.datasource.password=secret",
                "--server.ssl.certificate=/etc/keyflow/tls.crt",
                "--server.ssl.enabled-protocols=TLSv1.2,TLSv1.1"))
        .contains(
            "Description:\n\nThe production profile allows TLS 1.2 and 1.3 only, but"
                + " server.ssl.enabled-protocols lists TLSv1.1.")
        .contains("Action:\n\nRemove TLSv1.1 from server.ssl.enabled-protocols");
  }

  @Test
  void behindAnUnnamedProxyTheStartUpReportAsksForItsAddresses(CapturedOutput output) {
    assertThat(
            refusedStart(
                output,
                "--spring.datasource.url=jdbc:postgresql://db.invalid/keyflow",
                "--spring.datasource.username=keyflow",
                "--spring.datasource.password=secret",
                "--keyflow.tls.terminated-by-proxy=true"))
        .contains("Description:\n\nThe production profile behind a TLS-terminating proxy")
        .contains("Action:\n\nSet keyflow.tls.trusted-proxies (e.g. 10.0.0.5,10.0.0.6).");
  }

  /**
   * Starts the application in the production profile, expects it to stop, and returns Spring Boot's
   * start-up report after checking that it is the report (not a stack trace) that was logged.
   */
  static String refusedStart(CapturedOutput output, String... args) {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(KeyflowApplication.class)
                    .profiles("production")
                    .run(args))
        .isNotNull();
    String logged = output.getOut() + output.getErr();
    assertThat(logged).contains("APPLICATION FAILED TO START").doesNotContain("\tat ");
    return logged.substring(logged.indexOf("APPLICATION FAILED TO START"));
  }
}
