package io.keyflow.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The registry of systems over REST ({@code /api/systems}, and {@code /api/recipients} as before):
 * owner and description, several certificates, systems without a certificate, and every refusal a
 * 4xx that changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RecordApplicationEvents
class SystemsApiIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RecipientRegistry registry;
  @Autowired ApplicationEvents events;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  private static String name() {
    return "sys-" + SEQUENCE.incrementAndGet();
  }

  private static Identity rsa3072(String name) {
    return TestCertificates.selfSigned(name, TestCertificates.rsa("systems", 3072));
  }

  private String body(Map<String, Object> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> system(String name, String certificatePem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("environment", "PRODUCTION");
    body.put("certificatePem", certificatePem);
    return body;
  }

  private int systems() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM recipient", Integer.class);
  }

  private void assertRefused(HttpResponse<String> response, int status, String detail)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(json.readTree(response.body()).get("detail").asText()).contains(detail);
  }

  @Test
  void ownerAndDescriptionAreStoredShownUpdatedAndInTheLedger() throws Exception {
    String name = name();
    String pem = rsa3072(name).certificatePem();
    Map<String, Object> fields = system(name, pem);
    fields.put("owner", "erin@example.org");
    fields.put("description", "Payments ledger service");
    var created = rest.post("/api/recipients", "bob", body(fields));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode view = json.readTree(created.body());
    assertThat(view.get("owner").asText()).isEqualTo("erin@example.org");
    assertThat(view.get("description").asText()).isEqualTo("Payments ledger service");
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM ledger_entry WHERE action = 'RECIPIENT_REGISTERED' AND details LIKE ?",
                String.class,
                "%\"" + name + "\"%"))
        .contains("\"owner\":\"erin@example.org\"");

    var kept =
        rest.put(
            "/api/recipients/" + name,
            "carol",
            body(Map.of("certificatePem", pem, "description", "Payments")));
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
    assertThat(json.readTree(kept.body()).get("owner").asText()).isEqualTo("erin@example.org");
    assertThat(json.readTree(kept.body()).get("description").asText()).isEqualTo("Payments");
    assertThat(
            json.readTree(rest.get("/api/recipients/" + name, "dave").body())
                .get("description")
                .asText())
        .isEqualTo("Payments");
  }

  @Test
  void badOwnersAndDescriptionsAreRefusedAndNothingIsRegistered() throws Exception {
    int before = systems();
    String name = name();
    Map<String, Object> fields = system(name, rsa3072(name).certificatePem());
    fields.put("owner", "erin smith; DROP TABLE");
    assertRefused(rest.post("/api/recipients", "bob", body(fields)), 422, "owner must be");
    fields.put("owner", "erin");
    fields.put("description", "x".repeat(2001));
    assertRefused(rest.post("/api/recipients", "bob", body(fields)), 422, "longer than 2000");
    fields.put("description", "bell\u0007");
    assertRefused(rest.post("/api/recipients", "bob", body(fields)), 422, "control characters");
    assertThat(systems()).isEqualTo(before);
  }

  @Test
  void revokingASystemPublishesSystemRevoked() {
    String name = name();
    Recipient system =
        registry.register(
            new RecipientRegistry.Registration(
                name, "PRODUCTION", rsa3072(name).certificatePem(), null, null, null),
            "bob");

    registry.revoke(name, "decommissioned", "carol");

    assertThat(events.stream(SystemRevoked.class))
        .containsExactly(new SystemRevoked(system.id(), name, "decommissioned", "carol"));
  }

  private int certificateRows() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM system_certificate", Integer.class);
  }

  private long ledger(String action) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ledger_entry WHERE action = ?", Long.class, action);
  }

  private HttpResponse<String> addCertificate(String user, String system, String pem) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("certificatePem", pem);
    return rest.post("/api/systems/" + system + "/certificates", user, body(fields));
  }

  private HttpResponse<String> removeCertificate(
      String system, String sha256, String reason, Boolean confirmLast) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("reason", reason);
    fields.put("confirmLastCertificate", confirmLast);
    return rest.post(
        "/api/systems/" + system + "/certificates/" + sha256 + "/remove", "carol", body(fields));
  }

  private String registered(String name, Identity identity) {
    var created = rest.post("/api/systems", "bob", body(system(name, identity.certificatePem())));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return name;
  }

  /** Null fields are left out of the JSON. */
  private static boolean absent(JsonNode node, String field) {
    return node.get(field) == null || node.get(field).isNull();
  }

  private static java.util.List<String> live(JsonNode view) {
    java.util.List<String> fingerprints = new java.util.ArrayList<>();
    view.get("certificates").forEach(c -> fingerprints.add(c.get("sha256").asText()));
    return fingerprints;
  }

  @Test
  void bothPathsServeTheSameRegistry() throws Exception {
    String name = name();
    var created =
        rest.post("/api/systems", "bob", body(system(name, rsa3072(name).certificatePem())));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/systems/" + name);
    assertThat(rest.get("/api/recipients/" + name, "dave").statusCode()).isEqualTo(200);
    assertThat(rest.get("/api/systems", "alice").body()).contains(name);
    assertThat(rest.get("/api/recipients", "alice").body()).contains(name);
  }

  @Test
  void aCertificateIsRotatedWithoutDowntimeEachChangeInTheLedger() throws Exception {
    String name = name();
    Identity old = rsa3072(name);
    Identity renewed = rsa3072(name);
    registered(name, old);
    long added = ledger("SYSTEM_CERTIFICATE_ADDED");
    long removed = ledger("SYSTEM_CERTIFICATE_REMOVED");

    var add = addCertificate("bob", name, renewed.certificatePem());
    assertThat(add.statusCode()).as(add.body()).isEqualTo(201);
    JsonNode both = json.readTree(add.body());
    assertThat(live(both)).containsExactly(old.sha256(), renewed.sha256());
    assertThat(both.get("certificate").get("sha256").asText()).isEqualTo(renewed.sha256());
    assertThat(registry.findByCertificate(old.sha256())).map(Recipient::name).hasValue(name);
    assertThat(registry.findByCertificate(renewed.sha256())).map(Recipient::name).hasValue(name);
    assertThat(ledger("SYSTEM_CERTIFICATE_ADDED")).isEqualTo(added + 1);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM ledger_entry WHERE action = 'SYSTEM_CERTIFICATE_ADDED'"
                    + " AND details LIKE ?",
                String.class,
                "%" + renewed.sha256() + "%"))
        .contains("\"liveCertificates\":2")
        .doesNotContain("BEGIN CERTIFICATE");

    var remove = removeCertificate(name, old.sha256(), "rotated", null);
    assertThat(remove.statusCode()).as(remove.body()).isEqualTo(200);
    assertThat(live(json.readTree(remove.body()))).containsExactly(renewed.sha256());
    assertThat(registry.findByCertificate(old.sha256())).isEmpty();
    assertThat(registry.findByCertificate(renewed.sha256())).isPresent();
    assertThat(ledger("SYSTEM_CERTIFICATE_REMOVED")).isEqualTo(removed + 1);
    JsonNode history =
        json.readTree(rest.get("/api/systems/" + name + "/certificates", "dave").body());
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("sha256").asText()).isEqualTo(old.sha256());
    assertThat(history.get(0).get("removedBy").asText()).isEqualTo("carol");
    assertThat(history.get(0).get("removalReason").asText()).isEqualTo("rotated");
    assertThat(absent(history.get(1), "removedAt")).isTrue();

    // A removed certificate never comes back, not even to its own system.
    int rows = certificateRows();
    assertRefused(addCertificate("bob", name, old.certificatePem()), 409, "never registered again");
    assertThat(certificateRows()).isEqualTo(rows);
  }

  @Test
  void theLastCertificateGoesOnlyWhenTheOfficerSaysSo() throws Exception {
    String name = name();
    Identity only = rsa3072(name);
    registered(name, only);
    long removed = ledger("SYSTEM_CERTIFICATE_REMOVED");

    assertRefused(removeCertificate(name, only.sha256(), null, null), 409, "last live certificate");
    assertRefused(removeCertificate(name, only.sha256(), null, false), 409, "pick up packages");
    assertThat(registry.findByCertificate(only.sha256())).isPresent();
    assertThat(ledger("SYSTEM_CERTIFICATE_REMOVED")).isEqualTo(removed);

    var confirmed = removeCertificate(name, only.sha256().toUpperCase(), "host retired", true);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    JsonNode view = json.readTree(confirmed.body());
    assertThat(absent(view, "certificate")).isTrue();
    assertThat(live(view)).isEmpty();
    assertThat(registry.findByCertificate(only.sha256())).isEmpty();
    assertThat(ledger("SYSTEM_CERTIFICATE_REMOVED")).isEqualTo(removed + 1);
  }

  @Test
  void aSystemThatOnlyUsesTheCryptoApiNeedsNoCertificateNorWrappingKey() throws Exception {
    String name = name();
    Map<String, Object> fields = system(name, null);
    fields.put("owner", "erin");
    var created = rest.post("/api/systems", "bob", body(fields));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode view = json.readTree(created.body());
    assertThat(absent(view, "certificate")).isTrue();
    assertThat(live(view)).isEmpty();
    assertThat(view.get("wrapping").get("mechanism").asText()).isEqualTo("none");

    // It gains a certificate later, without a wrapping key.
    Identity identity = rsa3072(name);
    var add = addCertificate("carol", name, identity.certificatePem());
    assertThat(add.statusCode()).as(add.body()).isEqualTo(201);
    assertThat(json.readTree(add.body()).get("wrapping").get("mechanism").asText())
        .isEqualTo("none");
    assertThat(registry.findByCertificate(identity.sha256())).map(Recipient::name).hasValue(name);
  }

  @Test
  void badCertificatesAndFingerprintsAreRefusedAndNothingChanges() throws Exception {
    String name = name();
    Identity mine = rsa3072(name);
    registered(name, mine);
    String other = name();
    Identity theirs = rsa3072(other);
    registered(other, theirs);
    int rows = certificateRows();
    long added = ledger("SYSTEM_CERTIFICATE_ADDED");
    long removed = ledger("SYSTEM_CERTIFICATE_REMOVED");
    java.time.Instant now = java.time.Instant.now();
    var pair = TestCertificates.rsa("systems-bad", 3072);

    assertRefused(
        addCertificate(
            "bob",
            name,
            TestCertificates.selfSigned(
                    "old",
                    pair,
                    now.minus(java.time.Duration.ofDays(30)),
                    now.minus(java.time.Duration.ofDays(1)))
                .certificatePem()),
        422,
        "expired");
    assertRefused(
        addCertificate(
            "bob",
            name,
            TestCertificates.selfSigned(
                    "later",
                    pair,
                    now.plus(java.time.Duration.ofDays(1)),
                    now.plus(java.time.Duration.ofDays(30)))
                .certificatePem()),
        422,
        "not yet valid");
    assertRefused(
        addCertificate(
            "bob",
            name,
            TestCertificates.selfSigned("weak", TestCertificates.rsa("weak", 2048))
                .certificatePem()),
        422,
        "weaker than policy");
    assertRefused(
        addCertificate(
            "bob",
            name,
            TestCertificates.selfSigned("ec", TestCertificates.ec("weak-ec", "secp224r1"))
                .certificatePem()),
        422,
        "weaker than policy");
    assertRefused(
        addCertificate(
            "bob",
            name,
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"),
        422,
        "not well-formed PEM");
    assertRefused(addCertificate("bob", name, "garbage"), 422, "holds no PEM object");
    var leaked = addCertificate("bob", name, mine.certificatePem() + mine.privateKeyPem());
    assertRefused(leaked, 422, "contains a private key");
    assertThat(leaked.body()).doesNotContain("PRIVATE KEY-----");
    assertRefused(addCertificate("bob", name, null), 422, "certificatePem is required");
    assertRefused(
        addCertificate("bob", name, theirs.certificatePem()),
        409,
        "already registered for recipient '" + other + "'");
    assertRefused(
        addCertificate("bob", name, mine.certificatePem()),
        409,
        "already registered for recipient '" + name + "'");
    assertRefused(
        addCertificate("alice", name, rsa3072(name).certificatePem()), 403, "security-officer");
    assertRefused(
        addCertificate("bob", "nobody", rsa3072(name).certificatePem()), 404, "No recipient named");

    assertRefused(removeCertificate(name, "not-a-fingerprint", null, true), 422, "64 hex digits");
    assertRefused(removeCertificate(name, "ab".repeat(32), null, true), 404, "no live certificate");
    assertRefused(removeCertificate(name, theirs.sha256(), null, true), 404, "no live certificate");
    assertRefused(
        removeCertificate(name, mine.sha256(), "x".repeat(2001), true), 422, "longer than 2000");

    assertThat(certificateRows()).isEqualTo(rows);
    assertThat(ledger("SYSTEM_CERTIFICATE_ADDED")).isEqualTo(added);
    assertThat(ledger("SYSTEM_CERTIFICATE_REMOVED")).isEqualTo(removed);
    assertThat(registry.findByCertificate(mine.sha256())).map(Recipient::name).hasValue(name);
  }

  @Test
  void badNamesAreRefusedOnTheSystemsPathToo() throws Exception {
    int before = systems();
    assertRefused(
        rest.post("/api/systems", "bob", body(system("bad name!", null))), 422, "name must be");
    assertRefused(
        rest.post("/api/systems", "bob", body(system("x".repeat(65), null))), 422, "name must be");
    assertRefused(
        rest.post("/api/systems", "bob", body(system("", null))), 422, "name is required");
    assertRefused(rest.post("/api/systems", "bob", body(system("self", null))), 422, "reserved");
    assertThat(systems()).isEqualTo(before);
  }

  @Test
  void aRevokedSystemGetsNoNewCertificate() throws Exception {
    String name = name();
    registered(name, rsa3072(name));
    registry.revoke(name, "retired", "carol");
    int rows = certificateRows();
    assertRefused(addCertificate("bob", name, rsa3072(name).certificatePem()), 409, "is revoked");
    assertThat(certificateRows()).isEqualTo(rows);
  }

  @Test
  void aKeyUserLoginIsTheSystemOfTheSameName() throws Exception {
    assertRefused(rest.get("/api/systems/self", "app"), 403, "'app' is not a registered system");
    assertRefused(rest.get("/api/systems/self", "dave"), 403, "key-user");
    var created = rest.post("/api/systems", "bob", body(system("app", null)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    var self = rest.get("/api/systems/self", "app");
    assertThat(self.statusCode()).as(self.body()).isEqualTo(200);
    JsonNode who = json.readTree(self.body());
    assertThat(who.get("name").asText()).isEqualTo("app");
    assertThat(who.get("environment").asText()).isEqualTo("PRODUCTION");
    assertThat(who.get("authenticatedBy").asText()).isEqualTo("key-user-login");

    registry.revoke("app", "retired", "carol");
    assertRefused(rest.get("/api/systems/self", "app"), 403, "revoked");
  }
}
