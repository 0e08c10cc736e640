package io.keyflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.generation.KeyGenerationService;
import io.keyflow.generation.KeyRequest;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
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
 * Storage attestation on the production shape: SoftHSM2 through PKCS#11, PostgreSQL, the job
 * executor, REST only for the people. A clean token is attested in one click; then the token and
 * the inventory are tampered with behind Keyflow's back, and the next run finds every change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Closed before the JVM exits, while embedded PostgreSQL still runs (its shutdown hook would race
// Spring's).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeyStorageAttestationPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "attest");
  }

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  @Autowired KeyGenerationService generation;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();

  /** A key generated on the token and recorded ACTIVE, as the generation process does it. */
  private KeyVersion generated(String alias, boolean exportable) {
    UUID versionId = UUID.randomUUID();
    KeyRequest request =
        new KeyRequest(
            alias,
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            exportable,
            "attestation test",
            "alice",
            Environment.PRODUCTION);
    generation.generateInVault(
        versionId,
        KeyRequest.label(alias, 1),
        KeyAlgorithm.AES_256,
        exportable,
        KeyPurpose.DATA_AT_REST);
    return generation.recordGenerated(request, UUID.randomUUID(), versionId, "bob", null);
  }

  @Test
  void aCleanTokenIsAttestedInOneClickAndTamperingBehindKeyflowsBackIsFound() throws Exception {
    RestClient rest = new RestClient(port);
    String run = UUID.randomUUID().toString().substring(0, 8);
    KeyVersion deletedBehindOurBack = generated("deleted-" + run, false);
    KeyVersion kcvEdited = generated("kcv-edited-" + run, false);
    KeyVersion exportableOnToken = generated("marked-kept-" + run, true);
    KeyVersion destroyedInInventory = generated("not-erased-" + run, false);
    generated("untouched-" + run, false);

    // A clean token: one click.
    String clean = startAttestation(rest, "bob");
    String cleanTask = attestationTask(rest, clean);
    JsonNode cleanVariables = variables(rest, clean);
    assertThat(cleanVariables.get("driftDetected").get("value").asBoolean())
        .as(cleanVariables.toString())
        .isFalse();
    assertThat(cleanVariables.get("findings").get("value").asText())
        .startsWith("No drift")
        .contains("'pkcs11' vault");
    assertThat(cleanVariables.get("roleHolders").get("value").asText())
        .contains("security-officer: bob, carol");
    var attested = rest.post("/engine-rest/task/" + cleanTask + "/complete", "carol", "{}");
    assertThat(attested.statusCode()).as(attested.body()).isEqualTo(204);
    JsonNode cleanLedger = entries(rest, clean);
    assertThat(cleanLedger.findValuesAsText("action")).containsExactly("KEY_STORAGE_ATTESTED");
    JsonNode attestation =
        json.readTree(
            rest.get(
                    "/api/storage/attestations/"
                        + cleanVariables.get("attestationId").get("value").asText(),
                    "dave")
                .body());
    assertThat(attestation.get("attestedBy").asText()).isEqualTo("carol");
    assertThat(sha256(attestation.get("findings").asText()))
        .isEqualTo(attestation.get("findingsSha256").asText())
        .isEqualTo(cleanVariables.get("findingsSha256").get("value").asText());
    assertThat(cleanLedger.get(0).toString()).contains(attestation.get("findingsSha256").asText());

    // Behind Keyflow's back: an object destroyed on the token, an object nobody recorded, a KCV and
    // an export flag edited in the inventory, a destroyed version whose object was never erased.
    assertThat(vault.destroy(deletedBehindOurBack.hsmKeyId())).isTrue();
    UUID rogue = UUID.randomUUID();
    vault.generate(
        new KeySpec(rogue, "rogue-" + run, KeyAlgorithm.AES_256, true, KeyRole.DATA_ENCRYPTION));
    jdbc.update("UPDATE key_version SET kcv = '000000' WHERE id = ?", kcvEdited.id().toString());
    jdbc.update(
        "UPDATE managed_key SET exportable = FALSE WHERE id = ?",
        exportableOnToken.keyId().toString());
    jdbc.update(
        "UPDATE key_version SET state = 'DESTROYED', destroyed_at = CURRENT_TIMESTAMP WHERE id = ?",
        destroyedInInventory.id().toString());

    String drifted = startAttestation(rest, "alice");
    String driftTask = attestationTask(rest, drifted);
    JsonNode variables = variables(rest, drifted);
    assertThat(variables.get("driftDetected").get("value").asBoolean()).isTrue();
    assertThat(variables.get("driftCount").get("value").asInt()).isEqualTo(5);
    String findings = variables.get("findings").get("value").asText();
    assertThat(findings)
        .startsWith("DRIFT DETECTED: 5 finding(s)")
        .contains("[DRIFT] MISSING deleted-" + run + " v1")
        .contains("[DRIFT] KCV_MISMATCH kcv-edited-" + run + " v1")
        .contains("inventory recorded 000000")
        .contains("[DRIFT] ATTRIBUTES_DRIFTED marked-kept-" + run + " v1")
        .contains("CKA_EXTRACTABLE is true although the key was generated non-exportable")
        .contains("[DRIFT] NOT_ERASED not-erased-" + run + " v1")
        .contains("[DRIFT] UNKNOWN_OBJECT object " + rogue);
    assertThat(findings.lines().filter(l -> l.startsWith("[DRIFT]")).count()).isEqualTo(5);
    JsonNode driftLedger = entries(rest, drifted);
    assertThat(driftLedger.findValuesAsText("action"))
        .as("drift is in the ledger before anyone attests")
        .containsOnly("KEY_STORAGE_DRIFT_DETECTED")
        .hasSize(5);

    var withoutComment = rest.post("/engine-rest/task/" + driftTask + "/complete", "bob", "{}");
    assertThat(withoutComment.statusCode()).isEqualTo(400);
    assertThat(withoutComment.body()).contains("Drift was found");
    var byEngineer =
        rest.post(
            "/engine-rest/task/" + driftTask + "/complete",
            "alice",
            "{\"variables\":{\"comment\":{\"value\":\"fine\"}}}");
    assertThat(byEngineer.statusCode()).isIn(403, 404);
    var withComment =
        rest.post(
            "/engine-rest/task/" + driftTask + "/complete",
            "bob",
            "{\"variables\":{\"comment\":{\"value\":\"INC-1234: restore deleted-"
                + run
                + ", destroy the rogue object, fix the inventory rows\"}}}");
    assertThat(withComment.statusCode()).as(withComment.body()).isEqualTo(204);
    JsonNode attestedDrift = entries(rest, drifted);
    assertThat(attestedDrift.findValuesAsText("action")).endsWith("KEY_STORAGE_ATTESTED");
    assertThat(
            json.readTree(rest.get("/api/ledger/verify", "dave").body()).get("valid").asBoolean())
        .isTrue();
  }

  private String startAttestation(RestClient rest, String user) throws Exception {
    var start =
        rest.post(
            "/engine-rest/process-definition/key/KeyStorageAttestation/start",
            user,
            "{\"variables\":{}}");
    assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
    return json.readTree(start.body()).get("id").asText();
  }

  private String attestationTask(RestClient rest, String processInstanceId) throws Exception {
    FullStack.await(
        "the findings wait for an officer",
        Duration.ofSeconds(60),
        () ->
            rest.get("/engine-rest/task?processInstanceId=" + processInstanceId, "bob")
                .body()
                .contains("Task_AttestKeyStorage"));
    JsonNode tasks =
        json.readTree(
            rest.get("/engine-rest/task?processInstanceId=" + processInstanceId, "bob").body());
    return tasks.get(0).get("id").asText();
  }

  private JsonNode variables(RestClient rest, String processInstanceId) throws Exception {
    return json.readTree(
        rest.get("/engine-rest/process-instance/" + processInstanceId + "/variables", "bob")
            .body());
  }

  private JsonNode entries(RestClient rest, String processInstanceId) throws Exception {
    return json.readTree(
            rest.get("/api/ledger?processInstanceId=" + processInstanceId, "dave").body())
        .get("entries");
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
