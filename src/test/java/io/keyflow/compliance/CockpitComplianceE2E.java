package io.keyflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.support.Browsers;
import io.keyflow.support.Cockpit;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An auditor's compliance review in Cockpit, on the production shape (PostgreSQL, SoftHSM2, mutual
 * TLS pickup): a key is generated, distributed and rotated over REST as people do it; then dave
 * logs into Cockpit and reviews it through Keyflow's plugin. Finally someone with database rights
 * rewrites who approved the key, and the dashboard says so. Screenshots of each step go to {@code
 * target/e2e/cockpit-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Closed before the JVM exits, while embedded PostgreSQL still runs (its shutdown hook would race
// Spring's).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CockpitComplianceE2E {

  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("server", "secp256r1"));
  private static final int TLS_PORT = freePort();
  private static final String GENERATION_COMMENT =
      "Approved for the card vault; exportable to payments-app only";
  private static final String ROTATION_COMMENT = "Rotate ahead of the protect-stop";

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) throws IOException {
    FullStack.register(registry, "cockpit");
    Path dir =
        Files.createDirectories(
            Path.of("target", "distribution-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.distribution.tls.port", () -> TLS_PORT);
    registry.add("keyflow.distribution.tls.certificate", certificate::toString);
    registry.add("keyflow.distribution.tls.private-key", key::toString);
  }

  @RegisterExtension final Browsers browsers = new Browsers();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void daveReviewsAGeneratedDistributedAndRotatedKeyInCockpitAndSeesTheLedgerTurnInvalid()
      throws Exception {
    RestClient rest = new RestClient(port);
    Lifecycles lifecycles = new Lifecycles(rest);
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String alias = "card-vault-" + suffix;
    String recipientName = "payments-app-" + suffix;

    // bob registers the recipient; alice requests the key, bob approves; it is wrapped for the
    // recipient (carol approves) and picked up over mutual TLS; alice rotates it, carol approves.
    Identity recipient =
        TestCertificates.selfSigned(recipientName, TestCertificates.rsa("payments-app", 3072));
    var registered =
        rest.post(
            "/api/recipients",
            "bob",
            "{\"name\":\""
                + recipientName
                + "\",\"environment\":\"PRODUCTION\",\"certificatePem\":"
                + new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(recipient.certificatePem())
                + "}");
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    String generation =
        lifecycles.generate(alias, "DATA_AT_REST", "PRODUCTION", true, "bob", GENERATION_COMMENT);
    distribute(rest, lifecycles, alias, recipientName, recipient);
    lifecycles.rotate(alias, 2, "carol", ROTATION_COMMENT);
    assertThat(rest.post("/api/ledger/checkpoints", "bob", "").statusCode()).isIn(201, 204);

    // dave logs into Cockpit: the dashboard panel says the ledger is valid.
    Cockpit dave =
        Cockpit.logIn(
            browsers.open("dave"), "http://localhost:" + port, "dave", RestClient.PASSWORD);
    dave.visible("the ledger verdict", By.cssSelector("#keyflow-dashboard [data-verdict='VALID']"));
    String dashboard =
        dave.textOnceItContains(By.id("keyflow-dashboard"), "Last signed checkpoint");
    assertThat(dashboard)
        .contains("entries verified")
        .contains("Approvals waiting")
        .contains("Storage attestation");
    dave.capture("cockpit-1-dashboard-ledger-valid");

    // Keys (Cockpit's navigation) lists the key with its rotated primary version.
    dave.click(By.xpath("//a[normalize-space()='Keys']"));
    String keys = dave.textOnceItContains(By.id("keyflow-keys"), alias);
    assertThat(keys).contains("v2 ACTIVE");
    dave.capture("cockpit-2-keys-inventory");

    // The key's page: versions with KCV and provenance, and every event, both approvals with
    // officer and comment.
    dave.click(By.linkText(alias));
    String timeline = dave.textOnceItContains(By.id("keyflow-timeline"), "KEY_ROTATED");
    assertThat(timeline)
        .contains("Generation requested by alice")
        .contains("Generation approved by bob: “" + GENERATION_COMMENT + "”")
        .contains("Distribution approved by carol")
        .contains("Picked up v1 by " + recipientName + " over TLSv1.3")
        .contains("Rotation approved by carol: “" + ROTATION_COMMENT + "”");
    assertThat(dave.visible("the versions", By.id("keyflow-versions")).getText())
        .contains("v1")
        .contains("v2 (primary)")
        .contains("DEACTIVATED")
        .contains("CKA_LOCAL yes");
    dave.capture("cockpit-3-key-timeline");

    // The finished generation instance opens with the path taken drawn on its diagram.
    dave.click(
        By.cssSelector("#keyflow-timeline a[href='#/keyflow/instances/" + generation + "']"));
    dave.waitFor("the path taken is marked on the diagram")
        .until(d -> d.findElements(By.cssSelector("#keyflow-diagram .keyflow-taken")).size() >= 5);
    String tasks = dave.textOnceItContains(By.id("keyflow-tasks"), "bob");
    assertThat(tasks)
        .contains("Approve key generation")
        .contains("Approved")
        .contains(GENERATION_COMMENT);
    assertThat(dave.visible("the instance", By.id("keyflow-instance")).getText())
        .contains("Key generated")
        .contains("COMPLETED");
    dave.capture("cockpit-4-finished-generation-instance");

    // KeyGeneration's History tab lists finished instances with their outcome, linking to that
    // page.
    String definition =
        lifecycles.read("/engine-rest/process-definition/key/KeyGeneration").get("id").asText();
    dave.open("/process-definition/" + definition + "/runtime");
    dave.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='History']"));
    String history = dave.textOnceItContains(By.id("keyflow-history"), alias);
    assertThat(history).contains("Key generated").contains("by alice");
    dave.capture("cockpit-5-key-generation-history-tab");

    // An administrator intervenes in the running redistribution: reassigns its approval, suspends
    // and resumes the instance. (Setting its variables is refused for everyone, the administrator
    // included, so that intervention cannot happen at all.)
    String redistribution = lastInstanceOf(lifecycles, alias, "KEY_DISTRIBUTION_REQUESTED");
    String task =
        lifecycles
            .readAs("/engine-rest/task?processInstanceId=" + redistribution, "admin")
            .get(0)
            .get("id")
            .asText();
    assertThat(
            rest.post("/engine-rest/task/" + task + "/assignee", "admin", "{\"userId\":\"bob\"}")
                .statusCode())
        .isEqualTo(204);
    for (boolean suspended : new boolean[] {true, false}) {
      var suspension =
          rest.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:"
                              + port
                              + "/engine-rest/process-instance/"
                              + redistribution
                              + "/suspended"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"suspended\":" + suspended + "}")),
              "admin",
              RestClient.PASSWORD);
      assertThat(suspension.statusCode()).as(suspension.body()).isEqualTo(204);
    }
    var set =
        rest.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/engine-rest/process-instance/"
                            + redistribution
                            + "/variables/note"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"value\":\"changed by admin\",\"type\":\"String\"}")),
            "admin",
            RestClient.PASSWORD);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(400);
    dave.open("/keyflow/instances/" + redistribution);
    String operations = dave.textOnceItContains(By.id("keyflow-operations"), "Activate");
    assertThat(operations)
        .contains("Assign")
        .contains("∅ → bob")
        .contains("Suspend")
        .contains("Activate")
        .doesNotContain("SetVariable");
    assertThat(dave.visible("the instance", By.id("keyflow-instance")).getText())
        .contains("still running");
    dave.capture("cockpit-6-admin-intervention-in-operation-log");

    // Someone with database rights rewrites who approved the key, past the append-only trigger.
    long approval = sequenceOf(lifecycles, alias, "KEY_GENERATION_APPROVED");
    jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
    try {
      jdbc.update("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = ?", approval);
    } finally {
      jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }
    dave.open("/dashboard");
    dave.visible(
        "the ledger verdict", By.cssSelector("#keyflow-dashboard [data-verdict='INVALID']"));
    assertThat(dave.textOnceItContains(By.id("keyflow-dashboard"), "First altered sequence"))
        .contains("First altered sequence: " + approval + ".");
    dave.capture("cockpit-7-dashboard-ledger-invalid");
  }

  private void distribute(
      RestClient rest,
      Lifecycles lifecycles,
      String alias,
      String recipientName,
      Identity recipient)
      throws Exception {
    var started =
        rest.post(
            "/engine-rest/process-definition/key/KeyDistribution/start",
            "alice",
            "{\"variables\":{\"alias\":{\"value\":\""
                + alias
                + "\"},\"recipient\":{\"value\":\""
                + recipientName
                + "\"}}}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    lifecycles.approve(
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(started.body())
            .get("id")
            .asText(),
        "carol",
        "Recipient registered and in production");
    FullStack.await(
        "the package is held for pickup",
        Duration.ofSeconds(60),
        () -> rest.get("/api/distribution?alias=" + alias, "dave").body().contains("\"HELD\""));
    String packageId =
        lifecycles.read("/api/distribution?alias=" + alias).get(0).get("id").asText();
    HttpClient tls =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.clientContext(recipient, SERVER.certificate()))
            .build();
    HttpResponse<String> pickup =
        tls.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://localhost:"
                            + TLS_PORT
                            + "/api/distribution/"
                            + packageId
                            + "/package"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(pickup.statusCode()).as(pickup.body()).isEqualTo(200);
  }

  private static String lastInstanceOf(Lifecycles lifecycles, String alias, String action) {
    String instance = null;
    for (JsonNode entry : lifecycles.read("/api/ledger?alias=" + alias).get("entries")) {
      if (entry.get("action").asText().equals(action)) {
        instance = entry.get("processInstanceId").asText();
      }
    }
    assertThat(instance).as("a " + action + " entry for " + alias).isNotNull();
    return instance;
  }

  private static long sequenceOf(Lifecycles lifecycles, String alias, String action) {
    for (JsonNode entry : lifecycles.read("/api/ledger?alias=" + alias).get("entries")) {
      if (entry.get("action").asText().equals(action)) {
        return entry.get("seq").asLong();
      }
    }
    throw new AssertionError("no " + action + " for " + alias);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
