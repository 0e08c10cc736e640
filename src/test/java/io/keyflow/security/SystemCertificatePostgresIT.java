package io.keyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.support.AccessGrants;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A system uses the crypto API over the mutual-TLS port with its client certificate as its
 * identity, on SoftHSM2 and PostgreSQL: it encrypts and decrypts, asks who it is, rotates its
 * certificate without downtime (the removed one refused at once), and unregistered, removed and
 * revoked certificates get a 403 that says why without naming any other system.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SystemCertificatePostgresIT {

  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("server", "secp256r1"));
  private static final int TLS_PORT = freePort();

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) throws IOException {
    FullStack.register(registry, "systems");
    Path dir =
        Files.createDirectories(Path.of("target", "systems-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.distribution.tls.port", () -> TLS_PORT);
    registry.add("keyflow.distribution.tls.certificate", certificate::toString);
    registry.add("keyflow.distribution.tls.private-key", key::toString);
  }

  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void aSystemEncryptsOverMutualTlsWithItsCertificateAndStrangersAreRefused() throws Exception {
    RestClient rest = new RestClient(port);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String alias = "orders-db-" + suffix;
    String name = "orders-app-" + suffix;
    String other = "billing-app-" + suffix;
    Identity first = TestCertificates.selfSigned(name, TestCertificates.rsa("orders-app", 3072));
    Identity second =
        TestCertificates.selfSigned(
            name + "-2027", TestCertificates.ec("orders-app-2", "secp256r1"));
    Identity stranger =
        TestCertificates.selfSigned("stranger-" + suffix, TestCertificates.rsa("stranger", 3072));
    Identity others = TestCertificates.selfSigned(other, TestCertificates.rsa("billing-app", 3072));
    register(rest, name, first);
    register(rest, other, others);
    generate(rest, alias);
    // The system uses the key under a grant alice requests and bob approves.
    AccessGrants.grant(rest, name, alias, "encrypt,decrypt");
    String base = "https://localhost:" + TLS_PORT;

    // Encrypt and decrypt with the certificate alone: no password.
    JsonNode encrypted = encrypt(first, alias);
    assertThat(decrypt(first, alias, encrypted)).isEqualTo("card 4111 1111 1111 1111");
    JsonNode self = json.readTree(tls(first, base + "/api/systems/self", null).body());
    assertThat(self.get("name").asText()).isEqualTo(name);
    assertThat(self.get("environment").asText()).isEqualTo("PRODUCTION");
    assertThat(self.get("authenticatedBy").asText()).isEqualTo("client-certificate");
    assertThat(self.get("certificateSha256").asText()).isEqualTo(first.sha256());

    // A registered system without a grant: 403 naming only itself, the key and the operation.
    var ungranted = tls(others, base + "/api/keys/" + alias + "/encrypt", plaintextBody());
    assertRefused(ungranted, "System '" + other + "' holds no live grant to encrypt with key");
    assertThat(ungranted.body()).doesNotContain(name);

    // An unregistered certificate: 403 saying why, naming no system.
    var refused = tls(stranger, base + "/api/keys/" + alias + "/encrypt", plaintextBody());
    assertRefused(refused, "not registered for any system");
    assertThat(refused.body()).doesNotContain(name).doesNotContain(other);
    assertRefused(tls(stranger, base + "/api/systems/self", null), "not registered");
    // The mutual-TLS port still serves nothing else.
    assertThat(tls(first, base + "/api/keys/" + alias, null).statusCode()).isEqualTo(404);
    assertThat(tls(first, base + "/api/systems", null).statusCode()).isEqualTo(404);

    // Rotation without downtime: the new certificate is added, both work, the old one is removed
    // and refused on the very next call.
    var added =
        rest.post(
            "/api/systems/" + name + "/certificates",
            "bob",
            "{\"certificatePem\":" + json.writeValueAsString(second.certificatePem()) + "}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(decrypt(second, alias, encrypted)).isEqualTo("card 4111 1111 1111 1111");
    assertThat(decrypt(first, alias, encrypt(second, alias))).isEqualTo("card 4111 1111 1111 1111");
    var removed =
        rest.post(
            "/api/systems/" + name + "/certificates/" + first.sha256() + "/remove",
            "carol",
            "{\"reason\":\"rotated\"}");
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    var old = tls(first, base + "/api/keys/" + alias + "/encrypt", plaintextBody());
    assertRefused(old, "was removed from its system");
    assertThat(old.body()).doesNotContain(name);
    assertThat(encrypt(second, alias).get("ciphertext").asText()).isNotBlank();

    // Revoking the system stops it at once.
    var revoked =
        rest.post("/api/systems/" + name + "/revoke", "carol", "{\"reason\":\"retired\"}");
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertRefused(
        tls(second, base + "/api/keys/" + alias + "/encrypt", plaintextBody()), "is revoked");
    // The other system is untouched.
    assertThat(
            json.readTree(tls(others, base + "/api/systems/self", null).body())
                .get("name")
                .asText())
        .isEqualTo(other);
  }

  private void assertRefused(HttpResponse<String> response, String detail) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(json.readTree(response.body()).get("detail").asText()).contains(detail);
  }

  private static String plaintextBody() {
    return "{\"plaintext\":\""
        + Base64.getEncoder()
            .encodeToString("card 4111 1111 1111 1111".getBytes(StandardCharsets.UTF_8))
        + "\"}";
  }

  private JsonNode encrypt(Identity client, String alias) throws Exception {
    var response =
        tls(
            client,
            "https://localhost:" + TLS_PORT + "/api/keys/" + alias + "/encrypt",
            plaintextBody());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private String decrypt(Identity client, String alias, JsonNode encrypted) throws Exception {
    var response =
        tls(
            client,
            "https://localhost:" + TLS_PORT + "/api/keys/" + alias + "/decrypt",
            "{\"version\":"
                + encrypted.get("version").asInt()
                + ",\"iv\":\""
                + encrypted.get("iv").asText()
                + "\",\"ciphertext\":\""
                + encrypted.get("ciphertext").asText()
                + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new String(
        Base64.getDecoder().decode(json.readTree(response.body()).get("plaintext").asText()),
        StandardCharsets.UTF_8);
  }

  private void register(RestClient rest, String name, Identity identity) throws Exception {
    var response =
        rest.post(
            "/api/systems",
            "bob",
            "{\"name\":\""
                + name
                + "\",\"environment\":\"PRODUCTION\",\"certificatePem\":"
                + json.writeValueAsString(identity.certificatePem())
                + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  /** Alice requests an AES-256 key, Bob approves, SoftHSM2 generates it. */
  private void generate(RestClient rest, String alias) throws Exception {
    var started =
        rest.post(
            "/engine-rest/process-definition/key/KeyGeneration/start",
            "alice",
            "{\"variables\":{\"alias\":{\"value\":\""
                + alias
                + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                + "\"algorithm\":{\"value\":\"AES-256\"},"
                + "\"justification\":{\"value\":\"Orders app encrypts order data\"}}}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instance = json.readTree(started.body()).get("id").asText();
    JsonNode tasks =
        json.readTree(rest.get("/engine-rest/task?processInstanceId=" + instance, "bob").body());
    assertThat(tasks).hasSize(1);
    var completed =
        rest.post(
            "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    FullStack.await(
        "the key is ACTIVE",
        Duration.ofSeconds(60),
        () -> rest.get("/api/keys/" + alias, "dave").body().contains("\"ACTIVE\""));
  }

  /** A POST (with a body) or GET over mutual TLS presenting {@code client}. */
  private static HttpResponse<String> tls(Identity client, String url, String body)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.clientContext(client, SERVER.certificate()))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
