package io.keyflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The evidence pack over a key's whole life, on H2 with the software vault and the job executor
 * running: generated, distributed over mutual TLS, rotated and destroyed by two officers. The pack
 * downloaded by an auditor holds each record under its control with the ledger sequences behind it,
 * and the offline commands of its VERIFY.txt pass when run as real processes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EvidencePackIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("server", "secp256r1"));
  private static final int TLS_PORT = freePort();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    Path dir =
        Files.createDirectories(Path.of("target", "evidence-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.distribution.tls.port", () -> TLS_PORT);
    registry.add("keyflow.distribution.tls.certificate", certificate::toString);
    registry.add("keyflow.distribution.tls.private-key", key::toString);
  }

  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  @AfterAll
  static void realTime() {
    ClockUtil.reset();
  }

  @Test
  void aPackHoldsEveryLifecycleRecordUnderItsControlsAndVerifiesOffline() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String alias = "orders-" + suffix;
    String recipientName = "orders-app-" + suffix;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    Identity recipient =
        TestCertificates.selfSigned(recipientName, TestCertificates.rsa("orders-app", 3072));
    post(
        "/api/recipients",
        "bob",
        json.writeValueAsString(
            Map.of(
                "name",
                recipientName,
                "environment",
                "PRODUCTION",
                "certificatePem",
                recipient.certificatePem())),
        201);

    // Generated: alice requests, bob approves.
    String generation =
        id(
            post(
                "/engine-rest/process-definition/key/KeyGeneration/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"purpose\":{\"value\":\"DATA_IN_TRANSIT\"},"
                    + "\"algorithm\":{\"value\":\"AES-256\"},\"exportable\":{\"value\":true},"
                    + "\"justification\":{\"value\":\"Orders service session keys\"}}}",
                200));
    complete(openTask(generation, "Task_ApproveKeyGeneration"), "bob");
    await(
        "version 1 ACTIVE",
        () -> version(alias, 1),
        v -> v != null && "ACTIVE".equals(v.get("state").asText()));

    // Distributed: alice requests, carol approves, the recipient picks it up over mutual TLS.
    String distribution =
        id(
            post(
                "/engine-rest/process-definition/key/KeyDistribution/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"recipient\":{\"value\":\""
                    + recipientName
                    + "\"}}}",
                200));
    complete(openTask(distribution, "Task_ApproveKeyDistribution"), "carol");
    String packageId = await("the package is held", () -> heldPackage(alias), id -> id != null);
    assertThat(
            tls(
                    recipient,
                    "https://localhost:" + TLS_PORT + "/api/distribution/" + packageId + "/package")
                .statusCode())
        .isEqualTo(200);

    // Rotated on demand: alice requests, bob approves.
    String rotation =
        id(
            post(
                "/engine-rest/process-definition/key/KeyRotation/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"reason\":{\"value\":\"Annual rotation\"}}}",
                200));
    complete(openTask(rotation, "Task_ApproveKeyRotation"), "bob");
    await(
        "version 2 ACTIVE",
        () -> version(alias, 2),
        v -> v != null && "ACTIVE".equals(v.get("state").asText()));

    // Destroyed after its 30-day retention: the daily sweep asks, bob and carol approve.
    post("/api/demo/clock", "admin", "{\"advanceDays\":31}", 200);
    String destruction =
        await(
            "the sweep starts a destruction",
            () -> instance("KeyDestruction", alias),
            id -> id != null);
    complete(openTask(destruction, "Task_FirstApproval"), "bob");
    complete(openTask(destruction, "Task_SecondApproval"), "carol");
    await(
        "version 1 DESTROYED",
        () -> version(alias, 1),
        v -> "DESTROYED".equals(v.get("state").asText()));

    Map<String, Long> seq = sequences(alias);
    String period = "from=" + today.minusDays(1) + "&to=" + today.plusDays(40);
    HttpResponse<byte[]> download = rest.download("/api/evidence?" + period, "dave");
    assertThat(download.statusCode()).as(new String(download.body())).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
    UnzippedPack pack = UnzippedPack.of(download.body());

    // The offline checks of VERIFY.txt, run as real processes on the unzipped pack.
    List<String> commands = pack.offlineCommands();
    assertThat(commands)
        .anyMatch(c -> c.startsWith("sha256sum -c manifest.sha256"))
        .anyMatch(c -> c.contains("-signature manifest.sha256.sig manifest.sha256"))
        .anyMatch(c -> c.contains("-signature ledger-checkpoint.sig ledger-checkpoint.msg"));
    for (String command : commands) {
      UnzippedPack.Result result = pack.run(command);
      assertThat(result.exitCode()).as(result.command() + "\n" + result.output()).isZero();
      assertThat(result.output())
          .contains(command.startsWith("openssl") ? "Verified OK" : "index.html: OK");
    }
    assertThat(pack.read("manifest.sha256"))
        .contains(
            "  csv/inventory.csv\n",
            "  csv/exceptions.csv\n",
            "  evidence.json\n",
            "  audit-public-key.pem\n",
            "  VERIFY.txt\n",
            "  ledger-checkpoint.msg\n");

    // Records under the right controls, each citing the ledger sequences that prove it.
    JsonNode evidence = pack.evidence();
    assertThat(evidence.get("ledger").get("valid").asBoolean()).isTrue();
    assertThat(evidence.get("generatedBy").asText()).isEqualTo("dave");
    assertThat(control(evidence, "KF-GEN").get("requirements").toString())
        .contains("PCI DSS v4.0 3.7.1");
    assertThat(control(evidence, "KF-GEN").get("tables").toString()).contains("generations");
    assertThat(control(evidence, "KF-DIST").get("requirements").toString())
        .contains("3.7.2", "SOC 2 CC6.7");
    assertThat(control(evidence, "KF-DES").get("tables").toString()).contains("destructions");
    assertThat(control(evidence, "KF-APR").get("requirements").toString()).contains("3.7.6");

    JsonNode generated = single(pack.rows("generations", "alias", alias));
    assertThat(generated.get("approved_by").asText()).isEqualTo("bob");
    assertThat(generated.get("ledger_seq").asText())
        .isEqualTo(
            seq.get("KEY_GENERATION_REQUESTED")
                + " "
                + seq.get("KEY_GENERATION_APPROVED")
                + " "
                + seq.get("KEY_GENERATED"));

    List<JsonNode> distributions = pack.rows("distributions", "alias", alias);
    JsonNode picked =
        distributions.stream()
            .filter(r -> r.get("event").asText().startsWith("picked up"))
            .findFirst()
            .orElseThrow();
    assertThat(picked.get("recipient").asText()).isEqualTo(recipientName);
    assertThat(picked.get("tls_protocol").asText()).startsWith("TLSv1.");
    assertThat(picked.get("peer_certificate_sha256").asText()).isEqualTo(recipient.sha256());
    assertThat(picked.get("ledger_seq").asText())
        .endsWith(" " + seq.get("KEY_DISTRIBUTED"))
        .startsWith(seq.get("KEY_DISTRIBUTION_REQUESTED") + " ");

    JsonNode rotated = single(pack.rows("rotations", "alias", alias));
    assertThat(rotated.get("old_version").asText()).isEqualTo("1");
    assertThat(rotated.get("new_version").asText()).isEqualTo("2");
    assertThat(rotated.get("ledger_seq").asText())
        .isEqualTo(
            seq.get("KEY_ROTATION_REQUESTED")
                + " "
                + seq.get("KEY_ROTATION_APPROVED")
                + " "
                + seq.get("KEY_ROTATED"));

    JsonNode destroyed = single(pack.rows("destructions", "alias", alias));
    assertThat(destroyed.get("first_approver").asText()).isEqualTo("bob");
    assertThat(destroyed.get("second_approver").asText()).isEqualTo("carol");
    assertThat(destroyed.get("verified_absent").asText()).isEqualTo("true");
    assertThat(destroyed.get("ledger_seq").asText()).endsWith(" " + seq.get("KEY_DESTROYED"));

    List<JsonNode> approvals = pack.rows("approvals", "alias", alias);
    assertThat(approvals)
        .hasSize(5)
        .allMatch(a -> a.get("requester_is_not_officer").asText().equals("yes"));
    List<JsonNode> versions = pack.rows("inventory", "alias", alias);
    assertThat(versions).hasSize(2);
    JsonNode v1 =
        versions.stream()
            .filter(v -> v.get("version").asText().equals("1"))
            .findFirst()
            .orElseThrow();
    assertThat(v1.get("state_at_period_end").asText()).isEqualTo("DESTROYED");
    assertThat(v1.get("strength_bits").asText()).isEqualTo("256");
    assertThat(v1.get("ledger_seq").asText().split(" "))
        .contains(
            String.valueOf(seq.get("KEY_GENERATED")),
            String.valueOf(seq.get("KEY_ROTATED")),
            String.valueOf(seq.get("KEY_DESTROYED")));
    assertThat(pack.read("csv/destructions.csv"))
        .startsWith("time,alias,version,")
        .contains(alias + ",1,");

    // The report: scope, issuer and verdict first. No custodian acknowledged: each is listed as
    // pending (if the daily sweep, run when the clock moved, saw them join) or overdue.
    String index = pack.read("index.html");
    assertThat(index).doesNotContain("<script", "http://", "https://", "src=");
    assertThat(index.indexOf("Ledger verification: VALID"))
        .isPositive()
        .isLessThan(index.indexOf("KF-GEN — "));
    assertThat(index)
        .contains("Generated by</td><td>dave", "Custodian acknowledgements (PCI DSS 3.7.8)");
    List<String> custodians = new java.util.ArrayList<>();
    evidence
        .get("tables")
        .get("acknowledgements")
        .forEach(
            r ->
                custodians.add(
                    r.get("custodian").asText()
                        + " "
                        + r.get("status").asText().replaceAll(" .*", "")));
    assertThat(custodians)
        .hasSize(3)
        .allMatch(c -> c.endsWith(" PENDING") || c.endsWith(" OVERDUE"))
        .anyMatch(c -> c.startsWith("alice "))
        .anyMatch(c -> c.startsWith("bob "))
        .anyMatch(c -> c.startsWith("carol "));

    // Issuing the pack is a ledger entry naming the manifest's digest.
    String manifestSha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(pack.dir().resolve("manifest.sha256"))));
    assertThat(download.headers().firstValue("X-Keyflow-Manifest-SHA256")).hasValue(manifestSha256);
    long issued =
        Long.parseLong(download.headers().firstValue("X-Keyflow-Ledger-Sequence").orElseThrow());
    JsonNode entry =
        get("/api/ledger?fromSeq=" + issued + "&limit=1", "dave").get("entries").get(0);
    assertThat(entry.get("action").asText()).isEqualTo("EVIDENCE_PACK_GENERATED");
    assertThat(entry.get("actor").asText()).isEqualTo("dave");
    assertThat(entry.get("details").get("manifestSha256").asText()).isEqualTo(manifestSha256);
    assertThat(entry.get("details").get("from").asText()).isEqualTo(today.minusDays(1).toString());
  }

  @Test
  void aPackForOneKeyHoldsOnlyThatKey() throws Exception {
    String alias = "single-" + UUID.randomUUID().toString().substring(0, 8);
    String generation =
        id(
            post(
                "/engine-rest/process-definition/key/KeyGeneration/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                    + "\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"One key\"}}}",
                200));
    complete(openTask(generation, "Task_ApproveKeyGeneration"), "carol");
    await(
        "version 1 ACTIVE",
        () -> version(alias, 1),
        v -> v != null && "ACTIVE".equals(v.get("state").asText()));
    // The other test may have moved the application's clock forward: cover real time up to its
    // time.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate clockDay =
        ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    HttpResponse<byte[]> download =
        rest.download(
            "/api/evidence?from="
                + today.minusDays(1)
                + "&to="
                + clockDay.plusDays(1)
                + "&alias="
                + alias,
            "bob");
    assertThat(download.statusCode()).isEqualTo(200);
    UnzippedPack pack = UnzippedPack.of(download.body());
    JsonNode inventory = pack.evidence().get("tables").get("inventory");
    assertThat(inventory).hasSize(1);
    assertThat(inventory.get(0).get("alias").asText()).isEqualTo(alias);
    assertThat(pack.evidence().get("tables").get("generations")).hasSize(1);
    assertThat(pack.evidence().get("alias").asText()).isEqualTo(alias);
  }

  @Test
  void engineersAndKeyUsersAreRefusedAndBadPeriodsOrUnknownKeysGetProblemDetails()
      throws Exception {
    assertProblem(
        rest.get("/api/evidence?from=2026-01-01&to=2026-12-31", "alice"),
        403,
        "security-officer, auditor");
    assertProblem(rest.get("/api/evidence?from=2026-01-01&to=2026-12-31", "app"), 403, "auditor");
    assertProblem(
        rest.get("/api/evidence?from=2026-12-31&to=2026-01-01", "dave"), 400, "after it ends");
    assertProblem(
        rest.get("/api/evidence?from=2026-13-01&to=2026-12-31", "dave"), 400, "not a date");
    assertProblem(rest.get("/api/evidence?from=yesterday&to=2026-12-31", "bob"), 400, "YYYY-MM-DD");
    assertProblem(rest.get("/api/evidence?to=2026-12-31", "dave"), 400, "from is missing");
    assertProblem(
        rest.get("/api/evidence?from=2026-01-01&to=2026-12-31&alias=no-such-key", "dave"),
        404,
        "no-such-key");
    assertThat(rest.get("/api/evidence?from=2026-01-01&to=2026-12-31", null).statusCode())
        .isEqualTo(401);
  }

  // ---- helpers ----

  private void assertProblem(HttpResponse<String> response, int status, String detail)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).contains(detail);
  }

  private static JsonNode control(JsonNode evidence, String id) {
    for (JsonNode control : evidence.get("controls")) {
      if (control.get("id").asText().equals(id)) {
        return control;
      }
    }
    throw new AssertionError("no control " + id);
  }

  private static JsonNode single(List<JsonNode> rows) {
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  /** The first ledger sequence of each action for the key. */
  private Map<String, Long> sequences(String alias) {
    Map<String, Long> seq = new java.util.HashMap<>();
    get("/api/ledger?alias=" + alias + "&limit=1000", "dave")
        .get("entries")
        .forEach(e -> seq.putIfAbsent(e.get("action").asText(), e.get("seq").asLong()));
    return seq;
  }

  private String post(String path, String user, String body, int expectedStatus) {
    var response = rest.post(path, user, body);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
    return response.body();
  }

  private JsonNode get(String path, String user) {
    var response = rest.get(path, user);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private String id(String body) throws IOException {
    return json.readTree(body).get("id").asText();
  }

  private void complete(String taskId, String officer) {
    post(
        "/engine-rest/task/" + taskId + "/complete",
        officer,
        "{\"variables\":{\"approved\":{\"value\":true}}}",
        204);
  }

  private String openTask(String processInstanceId, String taskDefinitionKey) {
    return await(
        "task " + taskDefinitionKey,
        () -> {
          JsonNode tasks =
              get(
                  "/engine-rest/task?processInstanceId="
                      + processInstanceId
                      + "&taskDefinitionKey="
                      + taskDefinitionKey,
                  "bob");
          return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        },
        id -> id != null);
  }

  private String instance(String processKey, String alias) {
    JsonNode instances =
        get(
            "/engine-rest/process-instance?processDefinitionKey="
                + processKey
                + "&businessKey="
                + alias,
            "bob");
    return instances.size() == 1 ? instances.get(0).get("id").asText() : null;
  }

  private String heldPackage(String alias) {
    for (JsonNode p : get("/api/distribution?alias=" + alias, "dave")) {
      if ("HELD".equals(p.get("state").asText())) {
        return p.get("id").asText();
      }
    }
    return null;
  }

  private JsonNode version(String alias, int number) {
    var response = rest.get("/api/keys/" + alias, "dave");
    if (response.statusCode() != 200) {
      return null;
    }
    try {
      for (JsonNode v : json.readTree(response.body()).get("versions")) {
        if (v.get("version").asInt() == number) {
          return v;
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return null;
  }

  private <T> T await(String what, Supplier<T> read, Predicate<T> done) {
    Object[] last = new Object[1];
    FullStack.await(
        what,
        WAIT,
        () -> {
          last[0] = read.get();
          @SuppressWarnings("unchecked")
          T value = (T) last[0];
          return done.test(value);
        });
    @SuppressWarnings("unchecked")
    T value = (T) last[0];
    return value;
  }

  private HttpResponse<String> tls(Identity client, String url)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.clientContext(client, SERVER.certificate()))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
