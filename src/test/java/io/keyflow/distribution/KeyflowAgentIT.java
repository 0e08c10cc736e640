package io.keyflow.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyCheckValues;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The recipient agent {@code scripts/keyflow-agent.sh} run as a real process (bash, curl, jq,
 * openssl) against the running application's mutual-TLS pickup port, on H2 with the software vault
 * and the job executor running. What the agent promises: every RSA-OAEP package waiting for its
 * certificate is fetched once, unwrapped and kept only when its KCV matches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeyflowAgentIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path AGENT = Path.of("scripts", "keyflow-agent.sh").toAbsolutePath();
  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("server", "secp256r1"));
  private static final int TLS_PORT = freePort();
  private static final String TLS_URL = "https://localhost:" + TLS_PORT;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    Path dir =
        Files.createDirectories(Path.of("target", "agent-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.distribution.tls.port", () -> TLS_PORT);
    registry.add("keyflow.distribution.tls.certificate", certificate::toString);
    registry.add("keyflow.distribution.tls.private-key", key::toString);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;
  String suffix;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
    suffix = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void theAgentFetchesEveryWaitingKeyOnceAndKeepsItOnlyWithTheInventorysCheckValue()
      throws Exception {
    String recipient = "orders-app-" + suffix;
    Identity identity = register(recipient, "agent-orders-app");
    Map<String, String> kcvs = new LinkedHashMap<>();
    List<String> packages = new ArrayList<>();
    for (String alias : List.of("orders-db-" + suffix, "audit-log-" + suffix)) {
      kcvs.put(alias, generate(alias));
      packages.add(distribute(alias, recipient));
    }
    Path dir = recipientDirectory(identity);

    // Run as documented: from the directory holding the files, the port from the environment.
    Run first = agent(dir, Map.of("KEYFLOW_TLS_URL", TLS_URL));
    assertThat(first.status()).as(first.stderr()).isZero();
    assertThat(first.stdout().lines())
        .containsExactlyInAnyOrderElementsOf(
            kcvs.entrySet().stream()
                .map(e -> e.getKey() + ".v1: KCV " + e.getValue() + " verified")
                .toList());
    for (Map.Entry<String, String> key : kcvs.entrySet()) {
      Path file = dir.resolve("keys").resolve(key.getKey() + ".v1.key");
      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes).hasSize(32);
      assertThat(KeyCheckValues.ofAesKey(bytes))
          .as("the unwrapped key is the one in the inventory")
          .isEqualTo(key.getValue());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }

    // Fetching was the acknowledgement: the receipts are recorded and nothing is left to fetch.
    for (String packageId : packages) {
      JsonNode picked = get("/api/distribution/" + packageId, "dave");
      assertThat(picked.get("state").asText()).isEqualTo("PICKED_UP");
      assertThat(picked.get("peerCertificateSha256").asText()).isEqualTo(identity.sha256());
    }
    for (String alias : kcvs.keySet()) {
      assertThat(get("/api/ledger?alias=" + alias, "dave").findValuesAsText("action"))
          .contains("KEY_DISTRIBUTED");
    }
    Run second = agent(dir, Map.of(), "--url", TLS_URL, "--dir", dir.toString());
    assertThat(second.status()).as(second.stderr()).isZero();
    assertThat(second.stdout()).isEmpty();
  }

  @Test
  void aPackageWhoseCheckValueDoesNotMatchItsKeyIsDeletedAndStopsTheAgent() throws Exception {
    String recipient = "ledger-app-" + suffix;
    String alias = "ledger-db-" + suffix;
    Identity identity = register(recipient, "agent-ledger-app");
    generate(alias);
    String packageId = distribute(alias, recipient);
    assertThat(
            jdbc.update("UPDATE distribution_package SET kcv = '000000' WHERE id = ?", packageId))
        .isEqualTo(1);
    Path dir = recipientDirectory(identity);

    Run run = agent(dir, Map.of(), "--url", TLS_URL, "--dir", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.stderr()).contains(alias + ".v1: KCV ").contains("expected 000000");
    assertThat(run.stdout()).doesNotContain("verified");
    assertThat(dir.resolve("keys").resolve(alias + ".v1.key")).doesNotExist();
  }

  @Test
  void anUnregisteredCertificateFetchesNothingAndMissingFilesAreAUsageError() throws Exception {
    Identity stranger =
        TestCertificates.selfSigned(
            "stranger-" + suffix, TestCertificates.rsa("agent-stranger", 3072));
    Path dir = recipientDirectory(stranger);

    Run refused = agent(dir, Map.of(), "--url", TLS_URL, "--dir", dir.toString());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.stderr()).contains("listing the waiting packages").contains("403");
    try (var written = Files.list(dir.resolve("keys"))) {
      assertThat(written).isEmpty();
    }

    Path empty = Files.createDirectories(dir.resolve("empty"));
    Run missing = agent(empty, Map.of(), "--url", TLS_URL);
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.stderr()).contains("recipient.crt");

    Run help = agent(empty, Map.of(), "--help");
    assertThat(help.status()).isZero();
    assertThat(help.stdout())
        .startsWith("Usage: keyflow-agent.sh")
        .contains("https://localhost:8443");
    Run unknown = agent(empty, Map.of(), "--port", "1");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown argument: --port");
  }

  record Run(int status, String stdout, String stderr) {}

  /** Runs the agent script in {@code dir} and waits (bounded) for it to end. */
  private Run agent(Path dir, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", AGENT.toString()));
    command.addAll(List.of(arguments));
    Path out = Files.createTempFile(dir, "agent", ".out");
    Path err = Files.createTempFile(dir, "agent", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("KEYFLOW_TLS_URL");
    builder.environment().remove("KEYFLOW_AGENT_DIR");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The agent did not end within " + WAIT.toSeconds() + " s");
    }
    Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  /** A directory as the agent expects it: the recipient's certificate and key, the port's CA. */
  private Path recipientDirectory(Identity identity) throws IOException {
    Path dir =
        Files.createDirectories(
            Path.of("target", "agent", suffix + "-" + UUID.randomUUID()).toAbsolutePath());
    Files.writeString(dir.resolve("recipient.crt"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("recipient.key"), identity.privateKeyPem());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("distribution-tls.crt"), SERVER.certificatePem());
    return dir;
  }

  private Identity register(String name, String keyPairName) throws IOException {
    Identity identity = TestCertificates.selfSigned(name, TestCertificates.rsa(keyPairName, 3072));
    post(
        "/api/recipients",
        "bob",
        json.writeValueAsString(
            Map.of(
                "name",
                name,
                "environment",
                "PRODUCTION",
                "certificatePem",
                identity.certificatePem())),
        201);
    return identity;
  }

  /** Alice requests an exportable AES-256 key, Bob approves; returns its KCV once it is ACTIVE. */
  private String generate(String alias) throws IOException {
    String instance =
        id(
            post(
                "/engine-rest/process-definition/key/KeyGeneration/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                    + "\"algorithm\":{\"value\":\"AES-256\"},\"exportable\":{\"value\":true},"
                    + "\"justification\":{\"value\":\"The recipient encrypts its data locally\"}}}",
                200));
    complete(openTask(instance), "bob");
    JsonNode version =
        await(
            "the key " + alias + " is ACTIVE",
            () -> {
              var response = rest.get("/api/keys/" + alias, "dave");
              return response.statusCode() == 200 ? read(response.body()).get("versions") : null;
            });
    assertThat(version.get(0).get("state").asText()).isEqualTo("ACTIVE");
    return version.get(0).get("kcv").asText();
  }

  /**
   * Alice asks to distribute the key to the recipient, Carol approves; returns the held package.
   */
  private String distribute(String alias, String recipient) throws IOException {
    String instance =
        id(
            post(
                "/engine-rest/process-definition/key/KeyDistribution/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"recipient\":{\"value\":\""
                    + recipient
                    + "\"}}}",
                200));
    complete(openTask(instance), "carol");
    return await(
        "the package of " + alias + " is held",
        () -> {
          for (JsonNode p : get("/api/distribution?alias=" + alias, "dave")) {
            if ("HELD".equals(p.get("state").asText())) {
              return p.get("id").asText();
            }
          }
          return null;
        });
  }

  private String openTask(String processInstanceId) {
    return await(
        "the approval task of " + processInstanceId,
        () -> {
          JsonNode tasks = get("/engine-rest/task?processInstanceId=" + processInstanceId, "bob");
          return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        });
  }

  private void complete(String taskId, String officer) {
    post(
        "/engine-rest/task/" + taskId + "/complete",
        officer,
        "{\"variables\":{\"approved\":{\"value\":true}}}",
        204);
  }

  private String post(String path, String user, String body, int expectedStatus) {
    var response = rest.post(path, user, body);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
    return response.body();
  }

  private JsonNode get(String path, String user) {
    var response = rest.get(path, user);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return read(response.body());
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String id(String body) {
    return read(body).get("id").asText();
  }

  /** Waits (bounded) until {@code read} gives a value, and returns it. */
  private <T> T await(String what, Supplier<T> read) {
    List<T> last = new ArrayList<>(1);
    FullStack.await(
        what,
        WAIT,
        () -> {
          last.clear();
          T value = read.get();
          last.add(value);
          return value != null;
        });
    return last.get(0);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
