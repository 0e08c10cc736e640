package io.keyflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.hsm.KeyVault;
import io.keyflow.rotation.KeyRotationProcess;
import io.keyflow.support.AccessGrants;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One key's whole life on the production shape — PostgreSQL, SoftHSM2 through PKCS#11, the job
 * executor running the timers — driven only by REST calls of the people involved and by moving the
 * one clock: generate, rotate by the daily sweep, destroy by the daily sweep after retention.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Close the context (and the engine) after the class, while embedded PostgreSQL still runs; left to
// the JVM's shutdown hooks, PostgreSQL may stop first and the engine's close waits 30 s for a
// connection.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeyLifecyclePostgresIT {

  static final Duration WAIT = Duration.ofSeconds(90);

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "lifecycle");
  }

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void aKeyIsGeneratedRotatedBySweepAndDestroyedAfterRetentionWithEveryStepInTheLedger()
      throws Exception {
    String alias = "orders-tls-" + UUID.randomUUID().toString().substring(0, 8);

    // Generation: alice requests, bob approves, the job executor generates on the token.
    JsonNode generation =
        json.readTree(
            post(
                "/engine-rest/process-definition/key/KeyGeneration/start",
                "alice",
                "{\"variables\":{\"alias\":{\"value\":\""
                    + alias
                    + "\"},\"purpose\":{\"value\":\"DATA_IN_TRANSIT\"},"
                    + "\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"TLS session tickets for orders\"}}}",
                200));
    complete(openTask(generation.get("id").asText(), "Task_ApproveKeyGeneration"), "bob", true);
    JsonNode v1 =
        await(
            "version 1 ACTIVE",
            () -> version(alias, 1),
            v -> "ACTIVE".equals(v.get("state").asText()));
    UUID v1Id = UUID.fromString(v1.get("id").asText());
    // The key user's system uses the key under a grant an officer approved, for a year.
    AccessGrants.grant(rest, "app", alias, "encrypt,decrypt");
    JsonNode underV1 =
        json.readTree(
            post(
                "/api/keys/" + alias + "/encrypt",
                "app",
                "{\"plaintext\":\"" + b64("ticket key material") + "\"}",
                200));
    assertThat(underV1.get("version").asInt()).isEqualTo(1);

    // 340 days on, the daily rotation sweep finds version 1 within 30 days of its protect-stop.
    advanceClock(340);
    String rotation =
        await(
            "the sweep starts a rotation",
            () -> processInstance("KeyRotation", alias),
            id -> id != null);
    assertThat(variable(rotation, "requestedBy")).isEqualTo(KeyRotationProcess.SWEEP_PRINCIPAL);
    assertThat(variable(rotation, "currentVersionAgeDays")).isEqualTo("340");
    complete(openTask(rotation, KeyRotationProcess.TASK_APPROVE), "carol", true);
    JsonNode v2 =
        await(
            "version 2 ACTIVE",
            () -> version(alias, 2),
            v -> v != null && "ACTIVE".equals(v.get("state").asText()));
    JsonNode v1Deactivated = version(alias, 1);
    assertThat(v1Deactivated.get("state").asText()).isEqualTo("DEACTIVATED");
    assertThat(v1Deactivated.get("primary").asBoolean()).isFalse();
    assertThat(v2.get("primary").asBoolean()).isTrue();
    Instant rotatedAt = Instant.parse(v2.get("activatedAt").asText());
    assertThat(Instant.parse(v1Deactivated.get("deactivatedAt").asText())).isEqualTo(rotatedAt);
    assertThat(Instant.parse(v1Deactivated.get("retainUntil").asText()))
        .isEqualTo(rotatedAt.plus(Duration.ofDays(30)));
    assertThat(Instant.parse(v2.get("protectStopAt").asText()))
        .isEqualTo(rotatedAt.plus(Duration.ofDays(365)));
    assertThat(plaintext(post("/api/keys/" + alias + "/decrypt", "app", decryptBody(underV1), 200)))
        .isEqualTo("ticket key material");
    assertThat(vault.find(v1Id)).isPresent();

    // 31 days later the retention of version 1 has ended: the destruction sweep starts its
    // destruction.
    advanceClock(31);
    String destruction =
        await(
            "the sweep starts a destruction",
            () -> processInstance("KeyDestruction", alias),
            id -> id != null);
    assertThat(variable(destruction, "requestedBy"))
        .isEqualTo(KeyDestructionProcess.SWEEP_PRINCIPAL);
    complete(openTask(destruction, KeyDestructionProcess.TASK_FIRST_APPROVAL), "bob", true);
    String second = openTask(destruction, KeyDestructionProcess.TASK_SECOND_APPROVAL);
    var twice =
        rest.post(
            "/engine-rest/task/" + second + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(twice.statusCode()).isEqualTo(403);
    assertThat(twice.body()).contains("Dual control");
    complete(second, "carol", true);
    JsonNode v1Destroyed =
        await(
            "version 1 DESTROYED",
            () -> version(alias, 1),
            v -> "DESTROYED".equals(v.get("state").asText()));

    // The token no longer holds version 1; version 2 is untouched; the inventory keeps the
    // tombstone.
    assertThat(vault.find(v1Id)).isEmpty();
    assertThat(vault.find(UUID.fromString(v2.get("id").asText()))).isPresent();
    assertThat(version(alias, 2).get("state").asText()).isEqualTo("ACTIVE");
    assertThat(v1Destroyed.get("kcv").asText()).isEqualTo(v1.get("kcv").asText());
    assertThat(v1Destroyed.get("retainUntil").asText())
        .isEqualTo(v1Deactivated.get("retainUntil").asText());
    assertThat(Instant.parse(v1Destroyed.get("destroyedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(v1Deactivated.get("retainUntil").asText()));
    // The first grant's year is over: without a grant the call is refused before any key is
    // looked at; renewed, the destroyed version is what refuses it.
    assertThat(
            rest.post("/api/keys/" + alias + "/decrypt", "app", decryptBody(underV1)).statusCode())
        .isEqualTo(403);
    AccessGrants.grant(rest, "app", alias, "encrypt,decrypt");
    var refused = rest.post("/api/keys/" + alias + "/decrypt", "app", decryptBody(underV1));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json.readTree(refused.body()).get("detail").asText())
        .startsWith("Version 1 of key '" + alias + "' was destroyed on")
        .endsWith("and can no longer decrypt");

    JsonNode verification = json.readTree(rest.get("/api/ledger/verify", "dave").body());
    assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    JsonNode all =
        json.readTree(rest.get("/api/ledger?alias=" + alias, "dave").body()).get("entries");
    // app's two grants (the first expired after its year) are entries of the key too.
    List<JsonNode> lifecycle = new ArrayList<>();
    List<String> access = new ArrayList<>();
    all.forEach(
        entry -> {
          if (entry.get("action").asText().startsWith("KEY_ACCESS_")) {
            access.add(entry.get("action").asText());
          } else {
            lifecycle.add(entry);
          }
        });
    assertThat(access)
        .containsExactly(
            "KEY_ACCESS_REQUESTED",
            "KEY_ACCESS_APPROVED",
            "KEY_ACCESS_GRANTED",
            "KEY_ACCESS_EXPIRED",
            "KEY_ACCESS_REQUESTED",
            "KEY_ACCESS_APPROVED",
            "KEY_ACCESS_GRANTED");
    JsonNode entries = json.valueToTree(lifecycle);
    assertThat(entries.findValuesAsText("action"))
        .containsExactly(
            "KEY_GENERATION_REQUESTED",
            "KEY_GENERATION_APPROVED",
            "KEY_GENERATED",
            "KEY_ROTATION_REQUESTED",
            "KEY_ROTATION_APPROVED",
            "KEY_ROTATED",
            "KEY_DESTRUCTION_REQUESTED",
            "KEY_DESTRUCTION_APPROVED",
            "KEY_DESTRUCTION_APPROVED",
            "KEY_DESTROYED");
    List<String> actors = new ArrayList<>();
    entries.forEach(entry -> actors.add(entry.get("actor").asText()));
    assertThat(actors)
        .containsExactly(
            "alice",
            "bob",
            "alice",
            "system:rotation-sweep",
            "carol",
            "system:rotation-sweep",
            "system:destruction-sweep",
            "bob",
            "carol",
            "system:destruction-sweep");
    JsonNode rotated = entries.get(5).get("details");
    assertThat(rotated.get("oldVersionId").asText()).isEqualTo(v1Id.toString());
    assertThat(rotated.get("newVersionId").asText()).isEqualTo(v2.get("id").asText());
    JsonNode destroyed = entries.get(9).get("details");
    assertThat(destroyed.get("approvedBy").toString()).isEqualTo("[\"bob\",\"carol\"]");
    assertThat(destroyed.get("vaultObjectDestroyed").asBoolean()).isTrue();
    assertThat(entries.get(9).get("versionId").asText()).isEqualTo(v1Id.toString());
  }

  // ---- helpers ----

  private String post(String path, String user, String body, int expectedStatus) {
    var response = rest.post(path, user, body);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
    return response.body();
  }

  private void advanceClock(int days) {
    post("/api/demo/clock", "admin", "{\"advanceDays\":" + days + "}", 200);
  }

  private void complete(String taskId, String officer, boolean approved) {
    post(
        "/engine-rest/task/" + taskId + "/complete",
        officer,
        "{\"variables\":{\"approved\":{\"value\":" + approved + "}}}",
        204);
  }

  private String openTask(String processInstanceId, String taskDefinitionKey) {
    return await(
        "task " + taskDefinitionKey,
        () -> {
          JsonNode tasks =
              read(
                  "/engine-rest/task?processInstanceId="
                      + processInstanceId
                      + "&taskDefinitionKey="
                      + taskDefinitionKey,
                  "bob");
          return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        },
        id -> id != null);
  }

  private String processInstance(String processKey, String alias) {
    JsonNode instances =
        read(
            "/engine-rest/process-instance?processDefinitionKey="
                + processKey
                + "&businessKey="
                + alias,
            "bob");
    return instances.size() == 1 ? instances.get(0).get("id").asText() : null;
  }

  private String variable(String processInstanceId, String name) {
    return read("/engine-rest/process-instance/" + processInstanceId + "/variables/" + name, "bob")
        .get("value")
        .asText();
  }

  private JsonNode version(String alias, int number) {
    var response = rest.get("/api/keys/" + alias, "dave");
    if (response.statusCode() != 200) {
      return null;
    }
    try {
      for (JsonNode version : json.readTree(response.body()).get("versions")) {
        if (version.get("version").asInt() == number) {
          return version;
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(String path, String user) {
    try {
      return json.readTree(rest.get(path, user).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decryptBody(JsonNode encrypted) {
    return "{\"version\":"
        + encrypted.get("version").asInt()
        + ",\"iv\":\""
        + encrypted.get("iv").asText()
        + "\",\"ciphertext\":\""
        + encrypted.get("ciphertext").asText()
        + "\"}";
  }

  private String plaintext(String decryptResponse) throws Exception {
    return new String(
        Base64.getDecoder().decode(json.readTree(decryptResponse).get("plaintext").asText()),
        StandardCharsets.UTF_8);
  }

  /** Polls (bounded) until the job executor has done its part and {@code ready} holds. */
  private <T> T await(
      String what, java.util.function.Supplier<T> probe, java.util.function.Predicate<T> ready) {
    Object[] last = new Object[1];
    FullStack.await(
        what,
        WAIT,
        () -> {
          T value = probe.get();
          last[0] = value;
          return value != null && ready.test(value);
        });
    @SuppressWarnings("unchecked")
    T value = (T) last[0];
    return value;
  }
}
