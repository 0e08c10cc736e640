package io.keyflow.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The recipient registry over REST: who may do what, and every refusal a 4xx that changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RecipientApiIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  private static String name() {
    return "app-" + SEQUENCE.incrementAndGet();
  }

  private static Identity rsa3072(String name) {
    return TestCertificates.selfSigned(name, TestCertificates.rsa("api", 3072));
  }

  private String body(
      String name, String environment, String certificatePem, String wrappingPem, String kekAlias) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("environment", environment);
    body.put("certificatePem", certificatePem);
    body.put("wrappingPublicKeyPem", wrappingPem);
    body.put("kekAlias", kekAlias);
    try {
      return json.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> register(String user, String name, String certificatePem) {
    return rest.post("/api/recipients", user, body(name, "PRODUCTION", certificatePem, null, null));
  }

  private HttpResponse<String> put(String path, String user, String json) {
    return rest.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)),
        user,
        RestClient.PASSWORD);
  }

  private int recipients() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM recipient", Integer.class);
  }

  private long ledger(String action) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ledger_entry WHERE action = ?", Long.class, action);
  }

  private void assertRefused(HttpResponse<String> response, int status, String detail)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(json.readTree(response.body()).get("detail").asText()).contains(detail);
  }

  @Test
  void anOfficerRegistersARecipientAndEveryRoleReadsIt() throws Exception {
    String name = name();
    Identity identity = rsa3072(name);
    long before = ledger("RECIPIENT_REGISTERED");

    var created = register("bob", name, identity.certificatePem());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/recipients/" + name);
    JsonNode recipient = json.readTree(created.body());
    assertThat(recipient.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(recipient.get("environment").asText()).isEqualTo("PRODUCTION");
    assertThat(recipient.get("certificate").get("sha256").asText()).isEqualTo(identity.sha256());
    assertThat(recipient.get("wrapping").get("mechanism").asText()).isEqualTo("RSA-OAEP");
    assertThat(recipient.get("wrapping").get("rsaBits").asInt()).isEqualTo(3072);
    assertThat(recipient.get("registeredBy").asText()).isEqualTo("bob");
    assertThat(ledger("RECIPIENT_REGISTERED")).isEqualTo(before + 1);

    for (String user : new String[] {"alice", "bob", "carol", "dave"}) {
      var one = rest.get("/api/recipients/" + name, user);
      assertThat(one.statusCode()).as(user).isEqualTo(200);
      assertThat(rest.get("/api/recipients", user).body()).as(user).contains(name);
    }
  }

  private HttpResponse<String> registerWithWebhook(String name, String webhookUrl)
      throws Exception {
    ObjectNode body =
        (ObjectNode)
            json.readTree(body(name, "PRODUCTION", rsa3072(name).certificatePem(), null, null));
    body.put("webhookUrl", webhookUrl);
    return rest.post("/api/recipients", "bob", json.writeValueAsString(body));
  }

  @Test
  void aWebhookUrlIsRegisteredWithItsHostInTheLedgerAndBadOnesAreRefused() throws Exception {
    String name = name();
    var created = registerWithWebhook(name, "https://hooks.example.org/keyflow?token=t0k3n");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json.readTree(created.body()).get("webhookUrl").asText())
        .isEqualTo("https://hooks.example.org/keyflow?token=t0k3n");
    String details =
        jdbc.queryForObject(
            "SELECT details FROM ledger_entry WHERE action = 'RECIPIENT_REGISTERED' AND details LIKE ?",
            String.class,
            "%\"" + name + "\"%");
    assertThat(details).contains("hooks.example.org").doesNotContain("t0k3n");
    var loopback = registerWithWebhook(name(), "http://127.0.0.1:8089/hook");
    assertThat(loopback.statusCode()).as("loopback http outside production").isEqualTo(201);

    int before = recipients();
    long entries = ledger("RECIPIENT_REGISTERED");
    assertRefused(
        registerWithWebhook(name(), "http://hooks.example.org/keyflow"), 422, "must use https");
    assertRefused(
        registerWithWebhook(name(), "ftp://hooks.example.org/keyflow"), 422, "must use https");
    assertRefused(
        registerWithWebhook(name(), "https://user:secret@hooks.example.org/"),
        422,
        "must not carry credentials");
    assertRefused(
        registerWithWebhook(name(), "https://hooks.example.org/a\u0000b"),
        422,
        "control characters");
    assertRefused(
        registerWithWebhook(name(), "https://hooks.example.org/a\nb"), 422, "control characters");
    assertRefused(
        registerWithWebhook(name(), "https://hooks.example.org/" + "a".repeat(2048)),
        422,
        "longer than 2048");
    assertRefused(registerWithWebhook(name(), "/relative/hook"), 422, "absolute URL with a host");
    assertRefused(
        registerWithWebhook(name(), "https://hooks.example.org/%zz"), 422, "not a well-formed URL");
    var refused = registerWithWebhook(name(), "https://user:secret@hooks.example.org/");
    assertThat(refused.body()).doesNotContain("secret");
    assertThat(recipients()).isEqualTo(before);
    assertThat(ledger("RECIPIENT_REGISTERED")).isEqualTo(entries);
  }

  @Test
  void onlyOfficersChangeTheRegistry() throws Exception {
    String name = name();
    int before = recipients();
    assertRefused(register("alice", name, rsa3072(name).certificatePem()), 403, "security-officer");
    assertRefused(register("dave", name, rsa3072(name).certificatePem()), 403, "security-officer");
    assertThat(register(null, name, rsa3072(name).certificatePem()).statusCode()).isEqualTo(401);
    assertThat(recipients()).isEqualTo(before);
  }

  @Test
  void badCertificatesAreRefusedAndNothingIsRegistered() throws Exception {
    int before = recipients();
    long ledgerBefore = ledger("RECIPIENT_REGISTERED");
    Instant now = Instant.now();
    var pair = TestCertificates.rsa("api", 3072);
    assertRefused(
        register(
            "bob",
            name(),
            TestCertificates.selfSigned(
                    "old", pair, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
                .certificatePem()),
        422,
        "expired");
    assertRefused(
        register(
            "bob",
            name(),
            TestCertificates.selfSigned(
                    "new", pair, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
                .certificatePem()),
        422,
        "not yet valid");
    assertRefused(
        register(
            "bob",
            name(),
            TestCertificates.selfSigned("weak", TestCertificates.rsa("weak", 2048))
                .certificatePem()),
        422,
        "weaker than policy");
    assertRefused(
        register(
            "bob",
            name(),
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"),
        422,
        "not well-formed PEM");
    Identity identity = rsa3072("leaky");
    var leaked = register("bob", name(), identity.certificatePem() + identity.privateKeyPem());
    assertRefused(leaked, 422, "contains a private key");
    assertThat(leaked.body()).doesNotContain("PRIVATE KEY-----");
    assertThat(recipients()).isEqualTo(before);
    assertThat(ledger("RECIPIENT_REGISTERED")).isEqualTo(ledgerBefore);
  }

  @Test
  void badNamesEnvironmentsWrappingKeysAndKeksAreRefused() throws Exception {
    int before = recipients();
    String pem = rsa3072("x").certificatePem();
    assertRefused(
        rest.post("/api/recipients", "bob", body("bad name!", "PRODUCTION", pem, null, null)),
        422,
        "name must be");
    assertRefused(
        rest.post("/api/recipients", "bob", body(name(), null, pem, null, null)),
        422,
        "environment is required");
    assertRefused(
        rest.post("/api/recipients", "bob", body(name(), "STAGING", pem, null, null)),
        422,
        "PRODUCTION or TEST");
    String weakWrapping =
        TestCertificates.selfSigned("w", TestCertificates.rsa("weak", 2048)).publicKeyPem();
    assertRefused(
        rest.post("/api/recipients", "bob", body(name(), "PRODUCTION", pem, weakWrapping, null)),
        422,
        "weaker than the policy minimum of RSA-3072");
    String ecCertificate =
        TestCertificates.selfSigned("ec", TestCertificates.ec("api", "secp256r1")).certificatePem();
    // An EC certificate cannot wrap: such a system uses the crypto API only.
    var ecOnly =
        rest.post("/api/recipients", "bob", body(name(), "PRODUCTION", ecCertificate, null, null));
    assertThat(ecOnly.statusCode()).as(ecOnly.body()).isEqualTo(201);
    assertThat(json.readTree(ecOnly.body()).get("wrapping").get("mechanism").asText())
        .isEqualTo("none");
    before++;
    assertRefused(
        rest.post(
            "/api/recipients",
            "bob",
            body(
                name(),
                "PRODUCTION",
                TestCertificates.selfSigned("ec2", TestCertificates.ec("api", "secp256r1"))
                    .certificatePem(),
                null,
                "no-such-kek")),
        404,
        "kekAlias: no key with alias 'no-such-kek'");
    var garbage = rest.post("/api/recipients", "bob", "{not json");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(recipients()).isEqualTo(before);
  }

  @Test
  void duplicateNamesAndCertificatesConflict() throws Exception {
    String name = name();
    Identity identity = rsa3072(name);
    assertThat(register("bob", name, identity.certificatePem()).statusCode()).isEqualTo(201);
    assertRefused(
        register("carol", name, rsa3072(name).certificatePem()), 409, "already registered");
    assertRefused(
        register("carol", name(), identity.certificatePem()),
        409,
        "already registered for recipient '" + name + "'");
  }

  @Test
  void anOfficerRenewsTheCertificateAndRevokesTheRecipient() throws Exception {
    String name = name();
    assertThat(register("bob", name, rsa3072(name).certificatePem()).statusCode()).isEqualTo(201);
    Identity renewed = rsa3072(name);
    long updates = ledger("RECIPIENT_UPDATED");

    var update =
        put(
            "/api/recipients/" + name,
            "carol",
            body(null, null, renewed.certificatePem(), null, null));
    assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
    assertThat(json.readTree(update.body()).get("certificate").get("sha256").asText())
        .isEqualTo(renewed.sha256());
    assertThat(json.readTree(update.body()).get("updatedBy").asText()).isEqualTo("carol");
    assertThat(ledger("RECIPIENT_UPDATED")).isEqualTo(updates + 1);
    assertRefused(
        put(
            "/api/recipients/" + name,
            "carol",
            body(null, "TEST", renewed.certificatePem(), null, null)),
        422,
        "environment cannot change");

    assertRefused(
        rest.post("/api/recipients/" + name + "/revoke", "carol", "{}"), 422, "reason is required");
    var revoked =
        rest.post(
            "/api/recipients/" + name + "/revoke", "carol", "{\"reason\":\"host decommissioned\"}");
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    JsonNode view = json.readTree(revoked.body());
    assertThat(view.get("state").asText()).isEqualTo("REVOKED");
    assertThat(view.get("revocationReason").asText()).isEqualTo("host decommissioned");
    assertRefused(
        rest.post("/api/recipients/" + name + "/revoke", "carol", "{\"reason\":\"again\"}"),
        409,
        "already revoked");
    assertRefused(
        put(
            "/api/recipients/" + name,
            "carol",
            body(null, null, rsa3072(name).certificatePem(), null, null)),
        409,
        "is revoked");
  }

  @Test
  void unknownRecipientsAndKeysAre404() throws Exception {
    assertRefused(rest.get("/api/recipients/nobody", "dave"), 404, "No recipient named 'nobody'");
    assertRefused(
        rest.post("/api/recipients/nobody/revoke", "bob", "{\"reason\":\"x\"}"),
        404,
        "No recipient named");
    assertRefused(rest.get("/api/keys/no-such-key/holders", "dave"), 404, "No key with alias");
    assertRefused(rest.get("/api/distribution/" + UUID.randomUUID(), "dave"), 404, "No package");
    assertThat(rest.get("/api/distribution", "dave").statusCode()).isEqualTo(200);
    assertThat(rest.get("/api/distribution", null).statusCode()).isEqualTo(401);
    assertThat(rest.get("/api/storage/attestations", "dave").statusCode()).isEqualTo(200);
  }

  @Test
  void aPackageIsNeverServedOnThePlainPortAndNoPasswordIsAskedFor() throws Exception {
    String path = "/api/distribution/" + UUID.randomUUID() + "/package";
    for (String user : new String[] {null, "alice", "bob"}) {
      var response = rest.get(path, user);
      assertThat(response.statusCode()).as(String.valueOf(user)).isEqualTo(403);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(json.readTree(response.body()).get("detail").asText()).contains("mutual TLS");
    }
  }
}
