package io.keyflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.KeyflowApplication;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.support.AccessGrants;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Grants enforced on the real stack: two Keyflow nodes on one embedded PostgreSQL and one SoftHSM2
 * token. A system with a grant encrypts and decrypts; one without gets 403 naming what is missing;
 * a revocation on one node stops the next call on the other within the check's one-second cache; a
 * grant to export a non-exportable key is refused at request time; usage reaches the database.
 */
class KeyAccessPostgresIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ConfigurableApplicationContext node1;
  private static ConfigurableApplicationContext node2;
  private static RestClient rest1;
  private static RestClient rest2;

  @BeforeAll
  static void startTwoNodes() {
    Map<String, Object> shared = new HashMap<>();
    FullStack.register((name, value) -> shared.put(name, value.get()), "access");
    shared.put("server.port", "0");
    shared.put("keyflow.access.usage-flush-interval", "PT0.5S");
    shared.put("keyflow.metrics.refresh-interval", "PT1S");
    node1 = start(shared);
    node2 = start(shared);
    rest1 = new RestClient(port(node1));
    rest2 = new RestClient(port(node2));
    // A second key user, whose system is registered but holds no grant.
    IdentityService identity = node1.getBean(IdentityService.class);
    if (identity.createUserQuery().userId("batch").count() == 0) {
      User batch = identity.newUser("batch");
      batch.setPassword(RestClient.PASSWORD);
      identity.saveUser(batch);
      identity.createMembership("batch", "key-user");
    }
  }

  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(KeyflowApplication.class).profiles("test").run(args);
  }

  private static int port(ConfigurableApplicationContext node) {
    return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stopNodes() {
    if (node2 != null) {
      node2.close();
    }
    if (node1 != null) {
      node1.close();
    }
  }

  /** An AES-256 data key with one ACTIVE version on the token. */
  private static ManagedKey key(boolean exportable) {
    KeyVault vault = node1.getBean(KeyVault.class);
    KeyRepository keys = node1.getBean(KeyRepository.class);
    Clock clock = node1.getBean(Clock.class);
    KeyPolicy policy = KeyPolicy.defaults(KeyPurpose.DATA_AT_REST);
    ManagedKey key =
        new ManagedKey(
            UUID.randomUUID(),
            "granted-" + UUID.randomUUID().toString().substring(0, 8),
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            exportable,
            policy.encryptPeriod(),
            policy.retention(),
            "access test",
            null,
            clock.instant(),
            Environment.PRODUCTION);
    keys.insert(key);
    UUID versionId = UUID.randomUUID();
    VaultKey inVault =
        vault.generate(
            new KeySpec(
                versionId,
                "keyflow/" + key.alias() + "/v1",
                KeyAlgorithm.AES_256,
                exportable,
                KeyPurpose.DATA_AT_REST.vaultRole()));
    keys.insert(
        KeyVersion.activated(
            versionId,
            key.id(),
            1,
            vault.backend(),
            inVault.label(),
            inVault.kcv(),
            inVault.provenance(),
            clock.instant(),
            key.encryptPeriod(),
            "alice",
            "bob",
            null));
    keys.setPrimaryVersion(key.id(), versionId);
    return key;
  }

  /**
   * alice requests over REST, bob approves through node 1's engine: two engines in one JVM share
   * Camunda's static engine registry, so /engine-rest cannot tell the nodes apart (the /api
   * endpoints can).
   */
  private static String grant(String alias, String operations) throws Exception {
    AccessGrants.register(rest1, "app");
    String grantId = AccessGrants.request(rest1, "app", alias, operations);
    String processInstanceId =
        json(rest1.get("/api/access/grants/" + grantId, "bob").body())
            .get("processInstanceId")
            .asText();
    ProcessEngine engine = node1.getBean(ProcessEngine.class);
    engine.getIdentityService().setAuthentication("bob", List.of("security-officer"));
    try {
      String taskId =
          engine
              .getTaskService()
              .createTaskQuery()
              .processInstanceId(processInstanceId)
              .singleResult()
              .getId();
      engine.getTaskService().complete(taskId, Map.of("approved", true));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    return grantId;
  }

  private static HttpResponse<String> encrypt(RestClient rest, String user, String alias) {
    return rest.post(
        "/api/keys/" + alias + "/encrypt", user, "{\"plaintext\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");
  }

  private static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  @Test
  void aSystemWithAGrantEncryptsAndOneWithoutGets403NamingWhatIsMissing() throws Exception {
    ManagedKey key = key(false);
    AccessGrants.register(rest1, "batch");
    HttpResponse<String> before = encrypt(rest1, "app", key.alias());
    assertThat(before.statusCode()).as(before.body()).isEqualTo(403);

    grant(key.alias(), "encrypt,decrypt");

    HttpResponse<String> encrypted = encrypt(rest1, "app", key.alias());
    assertThat(encrypted.statusCode()).as(encrypted.body()).isEqualTo(200);
    JsonNode ciphertext = json(encrypted.body());
    HttpResponse<String> decrypted =
        rest2.post(
            "/api/keys/" + key.alias() + "/decrypt",
            "app",
            "{\"version\":1,\"iv\":\""
                + ciphertext.get("iv").asText()
                + "\",\"ciphertext\":\""
                + ciphertext.get("ciphertext").asText()
                + "\"}");
    assertThat(decrypted.statusCode()).as(decrypted.body()).isEqualTo(200);

    HttpResponse<String> refused = encrypt(rest1, "batch", key.alias());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused.body()).get("detail").asText())
        .isEqualTo(
            "System 'batch' holds no live grant to encrypt with key '"
                + key.alias()
                + "'; request one (KeyAccessGrant) and have an officer approve it")
        .doesNotContain("'app'");

    String metrics = rest1.get("/actuator/prometheus", "dave").body();
    assertThat(metrics)
        .containsPattern("keyflow_key_uses_total\\{[^}]*operation=\"encrypt\",outcome=\"granted\"}")
        .containsPattern(
            "keyflow_key_uses_total\\{[^}]*operation=\"encrypt\",outcome=\"refused\"}");
    FullStack.await(
        "the grant gauge counts the active grant",
        Duration.ofSeconds(60),
        () ->
            rest1
                .get("/actuator/prometheus", "dave")
                .body()
                .matches("(?s).*keyflow_access_grants\\{[^}]*state=\"ACTIVE\"} [1-9].*"));
    FullStack.await(
        "the usage is written in its batch",
        Duration.ofSeconds(20),
        () -> {
          try {
            JsonNode grants =
                json(rest1.get("/api/keys/" + key.alias() + "/grants", "dave").body());
            return grants.size() == 1
                && grants.get(0).get("usage").findValuesAsText("operation").contains("encrypt")
                && grants.get(0).get("usage").findValues("uses").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum()
                    == 2;
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Test
  void aRevocationOnOneNodeStopsTheNextUseOnTheOtherWithinASecond() throws Exception {
    ManagedKey key = key(false);
    String grantId = grant(key.alias(), "encrypt");
    assertThat(encrypt(rest2, "app", key.alias()).statusCode()).isEqualTo(200);
    assertThat(encrypt(rest1, "app", key.alias()).statusCode()).isEqualTo(200);

    HttpResponse<String> revoked =
        rest1.post(
            "/api/access/grants/" + grantId + "/revoke",
            "bob",
            "{\"reason\":\"The app moves to another key\"}");
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    long revokedAt = System.nanoTime();

    assertThat(encrypt(rest1, "app", key.alias()).statusCode())
        .as("on the node that revoked: at once")
        .isEqualTo(403);
    FullStack.await(
        "the other node refuses",
        Duration.ofSeconds(5),
        () -> encrypt(rest2, "app", key.alias()).statusCode() == 403);
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
        .as("the other node's cached answer outlived the revocation by at most a second")
        .isLessThan(Duration.ofMillis(1500));
    assertThat(
            json(rest2.get("/api/access/grants/" + grantId, "dave").body()).get("state").asText())
        .isEqualTo("REVOKED");
  }

  @Test
  void aGrantToExportANonExportableKeyIsRefusedAtRequestTime() throws Exception {
    ManagedKey sealed = key(false);
    AccessGrants.register(rest1, "app");
    HttpResponse<String> refused =
        rest1.post(
            "/api/access/grants",
            "alice",
            "{\"system\":\"app\",\"alias\":\""
                + sealed.alias()
                + "\",\"operations\":\"get\",\"duration\":\"P1D\",\"justification\":\"export\"}");

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json(refused.body()).get("detail").asText())
        .contains("Key '" + sealed.alias() + "' is not exportable");
    assertThat(json(rest1.get("/api/access/grants?key=" + sealed.alias(), "dave").body()))
        .isEmpty();
    assertThat(
            json(rest1.get("/api/ledger?alias=" + sealed.alias(), "dave").body())
                .findValuesAsText("action"))
        .contains("KEY_ACCESS_REFUSED");
  }
}
