package io.keyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.generation.KeyGenerationService;
import io.keyflow.generation.KeyRequest;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A 200-key rotation campaign on the production shape — PostgreSQL, SoftHSM2 through PKCS#11, the
 * job executor — driven over REST: 200 keys fall due, the daily sweep starts one campaign, an
 * officer approves it with two exclusions, 198 new versions are generated on the token (read back
 * from it), the ledger verifies, and {@code /api/campaigns} reports done=198 remaining=0.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RotationCampaignPostgresIT {

  private static final Logger log = LoggerFactory.getLogger(RotationCampaignPostgresIT.class);
  static final int KEYS = 200;
  static final Duration WAIT = Duration.ofMinutes(3);

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "campaign");
    registry.add("keyflow.rotation.campaign-threshold", () -> "20");
    registry.add("keyflow.campaign.batch-size", () -> "100");
    registry.add("keyflow.campaign.progress-interval", () -> "PT1S");
    registry.add("keyflow.metrics.refresh-interval", () -> "PT0.5S");
  }

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  @Autowired KeyRepository keys;
  @Autowired KeyGenerationService generation;
  @Autowired Clock clock;
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
  void twoHundredKeysDueAreRotatedByOneApprovedCampaignExceptTheTwoExcluded() throws Exception {
    List<ManagedKey> estate = seedEstate(KEYS);
    ManagedKey keptA = estate.get(17);
    ManagedKey keptB = estate.get(123);

    // 340 days on, every key is within the 30-day lead time: the sweep requests one campaign.
    post("/api/demo/clock", "admin", "{\"advanceDays\":340}", 200);
    String campaign =
        await(
            "the sweep starts a campaign",
            () -> {
              JsonNode found =
                  read(
                      "/engine-rest/process-instance?processDefinitionKey=RotationCampaign", "bob");
              return found.size() == 1 ? found.get(0).get("id").asText() : null;
            });
    assertThat(read("/engine-rest/process-instance?processDefinitionKey=KeyRotation", "bob"))
        .isEmpty();
    String task =
        await(
            "the campaign's approval task",
            () -> {
              JsonNode tasks = read("/engine-rest/task?processInstanceId=" + campaign, "bob");
              return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
            });
    assertThat(
            read("/engine-rest/process-instance/" + campaign + "/variables/keysInCampaign", "bob")
                .get("value")
                .asInt())
        .isEqualTo(KEYS);

    await(
        "the gauge shows the campaign's keys pending",
        () -> {
          String metrics = rest.get("/actuator/prometheus", "dave").body();
          return metrics.contains(
                  "keyflow_campaign_keys{application=\"keyflow\",state=\"PENDING\"} 200.0")
              ? "pending"
              : null;
        });

    // A bad exclusion is a 400 and changes nothing; the requester (the sweep) is never an officer.
    var unknown =
        rest.post(
            "/engine-rest/task/" + task + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true},\"exclusions\":{\"value\":\"no-such-key: gone\"}}}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.body()).contains("not in this campaign");
    assertThat(read("/engine-rest/task?processInstanceId=" + campaign, "bob")).hasSize(1);

    long started = System.nanoTime();
    var approved =
        rest.post(
            "/engine-rest/task/" + task + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true},\"exclusions\":{\"value\":\""
                + keptA.alias()
                + ": decommissioned next week\\n"
                + keptB.alias()
                + ": owner asked to rotate by hand\"}}}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);

    JsonNode progress =
        await(
            "the campaign reports every key done",
            () -> {
              JsonNode detail = read("/api/campaigns/" + campaign, "dave");
              JsonNode counts = detail.path("campaign").path("progress");
              return counts.path("done").asInt() == KEYS - 2
                      && counts.path("remaining").asInt() == 0
                  ? counts
                  : null;
            });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log.info(
        "Campaign of {} keys (2 excluded): approval to done={} in {} ms",
        KEYS,
        KEYS - 2,
        took.toMillis());
    assertThat(progress.path("excluded").asInt()).isEqualTo(2);
    assertThat(progress.path("failed").asInt()).isZero();

    // Read back from the token: every rotated key's new version is there with its recorded KCV.
    for (ManagedKey key : estate) {
      Optional<KeyVersion> v2 = keys.findVersion(key.id(), 2);
      if (key.equals(keptA) || key.equals(keptB)) {
        assertThat(v2).as(key.alias()).isEmpty();
        assertThat(keys.findVersion(key.id(), 1).orElseThrow().state().name()).isEqualTo("ACTIVE");
        continue;
      }
      assertThat(v2).as(key.alias()).isPresent();
      Optional<VaultKey> onToken = vault.find(v2.get().id());
      assertThat(onToken).as(key.alias() + " v2 on the token").isPresent();
      assertThat(onToken.get().kcv()).isEqualTo(v2.get().kcv());
      assertThat(onToken.get().label()).isEqualTo(KeyRequest.label(key.alias(), 2));
      assertThat(keys.findVersion(key.id(), 1).orElseThrow().state().name())
          .isEqualTo("DEACTIVATED");
    }

    JsonNode verification = read("/api/ledger/verify", "dave");
    assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    JsonNode rotated = read("/api/ledger?alias=" + estate.get(0).alias(), "dave").get("entries");
    JsonNode last = rotated.get(rotated.size() - 1);
    assertThat(last.get("action").asText()).isEqualTo("KEY_ROTATED");
    assertThat(last.get("details").get("campaign").asText()).isEqualTo(campaign);
    assertThat(last.get("details").get("approvedBy").toString()).isEqualTo("[\"bob\"]");
    JsonNode listed = read("/api/campaigns", "dave").get("campaigns");
    assertThat(listed.get(0).get("id").asText()).isEqualTo(campaign);
    await(
        "the campaign process finishes",
        () ->
            read("/engine-rest/process-instance?processInstanceIds=" + campaign, "bob").isEmpty()
                ? "ended"
                : null);
    assertThat(
            read(
                    "/engine-rest/history/variable-instance?processInstanceId="
                        + campaign
                        + "&variableName=keysDone",
                    "dave")
                .get(0)
                .get("value")
                .asInt())
        .isEqualTo(KEYS - 2);
  }

  @Test
  void aMalformedCampaignIdIs400AndAnUnknownOne404WithProblemDetails() throws Exception {
    var malformed = rest.get("/api/campaigns/not-a-campaign", "dave");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(json.readTree(malformed.body()).get("detail").asText())
        .contains("is not a campaign id");
    var unknown = rest.get("/api/campaigns/" + UUID.randomUUID(), "dave");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json.readTree(unknown.body()).get("title").asText()).isEqualTo("Unknown campaign");
    assertThat(rest.get("/api/campaigns", "app").statusCode()).isEqualTo(403);
    assertThat(rest.get("/api/campaigns", "dave", "wrong-password").statusCode()).isEqualTo(401);
  }

  /**
   * {@code count} AES-256 keys generated on the token now, each with version 1 ACTIVE: the
   * inventory a key estate created in one go leaves (seeded directly, the way a migration would, to
   * keep the test short).
   */
  private List<ManagedKey> seedEstate(int count) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    KeyPolicy policy = KeyPolicy.defaults(KeyPurpose.DATA_AT_REST);
    List<ManagedKey> estate = new ArrayList<>();
    String prefix = "estate-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    for (int i = 0; i < count; i++) {
      String alias = prefix + String.format("%03d", i);
      UUID keyId = UUID.randomUUID();
      UUID versionId = UUID.randomUUID();
      VaultKey made =
          generation.generateInVault(
              versionId,
              KeyRequest.label(alias, 1),
              KeyAlgorithm.AES_256,
              false,
              KeyPurpose.DATA_AT_REST);
      ManagedKey key =
          new ManagedKey(
              keyId,
              alias,
              KeyPurpose.DATA_AT_REST,
              KeyAlgorithm.AES_256,
              "alice",
              false,
              policy.encryptPeriod(),
              policy.retention(),
              "estate created in one go",
              null,
              now,
              Environment.PRODUCTION);
      keys.insert(key);
      keys.insert(
          KeyVersion.activated(
              versionId,
              keyId,
              1,
              vault.backend(),
              made.label(),
              made.kcv(),
              made.provenance(),
              now,
              policy.encryptPeriod(),
              "alice",
              "bob",
              null));
      keys.setPrimaryVersion(keyId, versionId);
      estate.add(key.withPrimaryVersion(versionId));
    }
    return estate;
  }

  private String post(String path, String user, String body, int expectedStatus) {
    var response = rest.post(path, user, body);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
    return response.body();
  }

  private JsonNode read(String path, String user) {
    try {
      return json.readTree(rest.get(path, user).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T await(String what, java.util.function.Supplier<T> probe) {
    Object[] found = new Object[1];
    FullStack.await(what, WAIT, () -> (found[0] = probe.get()) != null);
    @SuppressWarnings("unchecked")
    T value = (T) found[0];
    return value;
  }
}
