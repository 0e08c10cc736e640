package io.keyflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.KeyflowApplication;
import io.keyflow.support.EmbeddedPostgresSupport;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production profile, started as an operator would (command-line settings, PostgreSQL): it
 * refuses to start without a first administrator, and with one it serves the main port over TLS
 * only, with HSTS, Secure and HttpOnly session cookies, and no Camunda setup page.
 */
class ProductionHttpsPostgresIT {

  private static final String ADMIN_PASSWORD = "first-admin-password-1";
  private static Identity server;
  private static Path certificate;
  private static Path privateKey;
  private static ConfigurableApplicationContext context;
  private static HttpClient https;
  private static String base;

  @BeforeAll
  static void certificate() throws IOException {
    server =
        TestCertificates.selfSigned(
            "localhost", TestCertificates.ec("production-https", "secp256r1"));
    Path directory = Files.createDirectories(Path.of("target", "production-https"));
    certificate = Files.writeString(directory.resolve("tls.crt"), server.certificatePem());
    privateKey = Files.writeString(directory.resolve("tls.key"), server.privateKeyPem());
    https =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.clientContext(null, server.certificate()))
            .build();
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void productionRefusesToStartWithoutAFirstAdministrator() {
    assertThatThrownBy(() -> start(Map.of()))
        .hasMessageContaining("has no administrator yet")
        .hasMessageContaining("KEYFLOW_ADMIN_ID and KEYFLOW_ADMIN_PASSWORD");
  }

  @Test
  void productionServesTlsOnlyWithSecureCookiesHstsAndNoSetupPage() throws Exception {
    context =
        start(
            Map.of(
                "keyflow.first-admin.id", "rootadmin", "KEYFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD));
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    base = "https://localhost:" + port;

    var engine = get("/engine-rest/engine", "rootadmin", ADMIN_PASSWORD);
    assertThat(engine.statusCode()).isEqualTo(200);
    assertThat(engine.headers().firstValue("Strict-Transport-Security"))
        .contains(TransportSecurityFilter.HSTS);
    assertThat(engine.sslSession())
        .hasValueSatisfying(
            session -> assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
    assertThat(get("/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    // No demo users in production.
    assertThat(get("/engine-rest/engine", "alice", "test-password").statusCode()).isEqualTo(401);

    // Plain HTTP on the same port gets no answer from Keyflow.
    var plain = HttpClient.newHttpClient();
    HttpRequest clear =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/engine"))
            .build();
    assertThat(sendOrFail(plain, clear)).isNotEqualTo(200);

    assertThat(get("/camunda/app/admin/default/setup/", null, null).statusCode()).isEqualTo(404);
    var setup =
        https.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/camunda/api/admin/setup/default/user/create"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(setup.statusCode()).isEqualTo(404);

    List<String> cookies = webappLogin();
    assertThat(cookies)
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allSatisfy(
            c -> assertThat(c).containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly"));
  }

  /** Logs in to the webapps as the first administrator; returns every Set-Cookie received. */
  private static List<String> webappLogin() throws Exception {
    List<String> cookies = new ArrayList<>();
    var welcome =
        https.send(
            HttpRequest.newBuilder(URI.create(base + "/camunda/app/welcome/default/")).build(),
            HttpResponse.BodyHandlers.ofString());
    cookies.addAll(welcome.headers().allValues("set-cookie"));
    String xsrf =
        cookies.stream()
            .filter(c -> c.startsWith("XSRF-TOKEN="))
            .map(c -> c.substring(11, c.indexOf(';')))
            .findFirst()
            .orElse("");
    String jar =
        String.join("; ", cookies.stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
    var login =
        https.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/camunda/api/admin/auth/user/default/login/welcome"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .header("Cookie", jar)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=rootadmin&password=" + ADMIN_PASSWORD))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    cookies.addAll(login.headers().allValues("set-cookie"));
    return cookies;
  }

  private static HttpResponse<String> get(String path, String user, String password)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int sendOrFail(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static ConfigurableApplicationContext start(Map<String, String> extra) {
    Map<String, Object> settings = new HashMap<>();
    EmbeddedPostgresSupport.register((name, value) -> settings.put(name, value.get()));
    settings.put("server.port", "0");
    settings.put("server.ssl.certificate", "file:" + certificate.toAbsolutePath());
    settings.put("server.ssl.certificate-private-key", "file:" + privateKey.toAbsolutePath());
    settings.put("keyflow.hsm.software.master-secret", "production-test-master-secret");
    settings.put("keyflow.hsm.software.argon2-memory-kib", "1024");
    settings.put("keyflow.hsm.software.argon2-iterations", "1");
    // One superuser account here; the two-account set-up is DatabaseAccountsPostgresIT's.
    settings.put("keyflow.database.accept-privileged-runtime-account", "true");
    settings.putAll(extra);
    // As command-line arguments, the way an operator starts the jar.
    String[] args =
        settings.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(KeyflowApplication.class).profiles("production").run(args);
  }
}
