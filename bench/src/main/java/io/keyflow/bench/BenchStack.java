package io.keyflow.bench;

import io.keyflow.KeyflowApplication;
import io.keyflow.hsm.pkcs11.SoftHsmToken;
import io.keyflow.support.EmbeddedPostgresSupport;
import io.keyflow.support.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the in-application figures share: Keyflow on embedded PostgreSQL and a SoftHSM2 token of its
 * own (the production shape, as the {@code *PostgresIT} tests run it), the job executor running,
 * and the mutual-TLS port with a server certificate the bench's clients trust.
 */
final class BenchStack implements AutoCloseable {

  static final String PASSWORD = "bench";

  final boolean quick;
  final String databaseUrl;
  final SoftHsmToken token;

  /**
   * P3's own token; created with the other, as SoftHSM lists only the tokens it found when it was
   * loaded.
   */
  final SoftHsmToken objectCountToken;

  final ConfigurableApplicationContext context;
  final int port;

  /** The mutual-TLS port (package pickup, and the crypto API for systems with a certificate). */
  final int tlsPort;

  /** The mutual-TLS port's server certificate, which the bench's clients trust. */
  static final TestCertificates.Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("bench-server", "secp256r1"));

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private BenchStack(
      boolean quick,
      String databaseUrl,
      SoftHsmToken token,
      SoftHsmToken objectCountToken,
      ConfigurableApplicationContext context,
      int tlsPort) {
    this.tlsPort = tlsPort;
    this.quick = quick;
    this.databaseUrl = databaseUrl;
    this.token = token;
    this.objectCountToken = objectCountToken;
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  static BenchStack start(boolean quick) throws IOException {
    String url = EmbeddedPostgresSupport.newDatabase();
    SoftHsmToken token = SoftHsmToken.create("bench");
    SoftHsmToken objectCountToken = SoftHsmToken.create("bench-p3");
    Path pinFile = Path.of("target", "softhsm", token.label + ".pin").toAbsolutePath();
    Files.writeString(pinFile, SoftHsmToken.USER_PIN);
    Path tls = Files.createDirectories(Path.of("target", "bench-tls"));
    Path serverCertificate = Files.writeString(tls.resolve("server.crt"), SERVER.certificatePem());
    Path serverKey = Files.writeString(tls.resolve("server.key"), SERVER.privateKeyPem());
    int tlsPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      tlsPort = socket.getLocalPort();
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(KeyflowApplication.class)
            // Command-line arguments, so that they win over application.yaml.
            .run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.driver-class-name=org.postgresql.Driver",
                "--server.port=0",
                "--keyflow.distribution.tls.port=" + tlsPort,
                "--keyflow.distribution.tls.certificate=" + serverCertificate.toAbsolutePath(),
                "--keyflow.distribution.tls.private-key=" + serverKey.toAbsolutePath(),
                "--keyflow.custodian.sweep-on-startup=false",
                "--keyflow.hsm.backend=pkcs11",
                "--keyflow.hsm.pkcs11.module=" + SoftHsmToken.MODULE,
                "--keyflow.hsm.pkcs11.token-label=" + token.label,
                "--keyflow.hsm.pkcs11.pin-file=" + pinFile,
                "--keyflow.hsm.pkcs11.oaep-hash=SHA1",
                // The background re-verification would compete with the figures; P4 measures
                // verification itself.
                "--keyflow.metrics.ledger-verification-interval=P1D",
                "--KEYFLOW_DEMO_PASSWORD=" + PASSWORD,
                "--logging.level.root=warn",
                "--logging.level.io.keyflow=warn",
                "--logging.level.io.keyflow.bench=info");
    return new BenchStack(quick, url, token, objectCountToken, context, tlsPort);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Full or quick size. */
  int scale(int full, int quick) {
    return this.quick ? quick : full;
  }

  HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
    return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String user, String json)
      throws IOException, InterruptedException {
    return http.send(
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user));
  }

  static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    context.close();
  }
}
