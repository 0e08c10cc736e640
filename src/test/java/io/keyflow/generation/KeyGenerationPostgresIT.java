package io.keyflow.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyVault;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
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
 * Key generation end to end on the production shape: PostgreSQL, SoftHSM2 through PKCS#11, the job
 * executor, and only REST calls by the people involved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Close the context (and the engine) after the class, while embedded PostgreSQL still runs; left to
// the JVM's shutdown hooks, PostgreSQL may stop first and the engine's close waits 30 s for a
// connection.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeyGenerationPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "keygen");
  }

  @LocalServerPort int port;
  @Autowired KeyVault vault;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  @Test
  void camundaAndKeyflowSchemasComeUpOnPostgres() {
    assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 15");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ge_property", Integer.class))
        .isPositive();
    assertThat(
            jdbc.queryForList(
                "SELECT version FROM keyflow_schema_history WHERE success ORDER BY installed_rank",
                String.class))
        .contains("1", "2", "3");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM act_re_procdef WHERE key_ = 'KeyGeneration'", Integer.class))
        .isEqualTo(1);
    assertThat(vault.backend()).isEqualTo("pkcs11");
  }

  @Test
  void aliceRequestsBobApprovesOverRestAndTheKeyIsActiveOnTheToken() throws Exception {
    String alias = "payments-db-" + UUID.randomUUID().toString().substring(0, 8);
    String processInstanceId = startGeneration(alias, "alice");
    String taskId = approvalTask(processInstanceId);

    var approval =
        rest.post(
            "/engine-rest/task/" + taskId + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(approval.statusCode()).as(approval.body()).isEqualTo(204);

    FullStack.await(
        "the key is recorded ACTIVE",
        Duration.ofSeconds(60),
        () -> rest.get("/api/keys/" + alias, "dave").statusCode() == 200);
    JsonNode key = json.readTree(rest.get("/api/keys/" + alias, "dave").body());
    JsonNode version = key.get("versions").get(0);
    assertThat(version.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(version.get("primary").asBoolean()).isTrue();
    assertThat(version.get("requestedBy").asText()).isEqualTo("alice");
    assertThat(version.get("approvedBy").get(0).asText()).isEqualTo("bob");
    assertThat(version.get("vaultBackend").asText()).isEqualTo("pkcs11");

    var onToken = vault.find(UUID.fromString(version.get("id").asText())).orElseThrow();
    assertThat(onToken.provenance().sensitive()).isTrue();
    assertThat(onToken.provenance().extractable()).isFalse();
    assertThat(onToken.provenance().neverExtractable()).isTrue();
    assertThat(onToken.provenance().local()).isTrue();
    assertThat(version.get("kcv").asText()).isEqualTo(onToken.kcv());
    assertThat(version.get("provenance").get("keyGenMechanism").asText())
        .isEqualTo(onToken.provenance().keyGenMechanism());

    JsonNode verification = json.readTree(rest.get("/api/ledger/verify", "dave").body());
    assertThat(verification.get("valid").asBoolean()).isTrue();
    JsonNode entries = json.readTree(rest.get("/api/ledger?alias=" + alias, "dave").body());
    assertThat(entries.findValuesAsText("action"))
        .containsExactly("KEY_GENERATION_REQUESTED", "KEY_GENERATION_APPROVED", "KEY_GENERATED");

    FullStack.await(
        "the process has ended",
        Duration.ofSeconds(30),
        () ->
            rest.get("/engine-rest/history/process-instance/" + processInstanceId, "dave")
                .body()
                .contains("\"COMPLETED\""));
  }

  @Test
  void refusalsOverRestAre4xxAndLeaveTheTaskOpen() throws Exception {
    identity.saveUser(withPassword(identity.newUser("erin")));
    identity.createMembership("erin", "security-engineering");
    identity.createMembership("erin", "security-officer");
    String processInstanceId =
        startGeneration("self-approved-" + UUID.randomUUID().toString().substring(0, 8), "erin");
    String taskId = approvalTask(processInstanceId);

    var selfApproval =
        rest.post(
            "/engine-rest/task/" + taskId + "/complete",
            "erin",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(selfApproval.statusCode()).isEqualTo(403);
    assertThat(selfApproval.body()).contains("Four-eyes rule");

    var silentRejection =
        rest.post(
            "/engine-rest/task/" + taskId + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":false}}}");
    assertThat(silentRejection.statusCode()).isEqualTo(400);
    assertThat(silentRejection.body()).contains("rejection needs a comment");

    var byAuditor =
        rest.post(
            "/engine-rest/task/" + taskId + "/complete",
            "dave",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(byAuditor.statusCode()).isIn(403, 404);

    assertThat(approvalTask(processInstanceId)).isEqualTo(taskId);
  }

  private org.camunda.bpm.engine.identity.User withPassword(
      org.camunda.bpm.engine.identity.User user) {
    user.setPassword(RestClient.PASSWORD);
    return user;
  }

  private String startGeneration(String alias, String user) throws Exception {
    var start =
        rest.post(
            "/engine-rest/process-definition/key/KeyGeneration/start",
            user,
            "{\"variables\":{\"alias\":{\"value\":\""
                + alias
                + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                + "\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"Encrypt the payments database\"}}}");
    assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
    JsonNode instance = json.readTree(start.body());
    assertThat(instance.get("businessKey").asText()).isEqualTo(alias);
    return instance.get("id").asText();
  }

  private String approvalTask(String processInstanceId) throws Exception {
    JsonNode tasks =
        json.readTree(
            rest.get("/engine-rest/task?processInstanceId=" + processInstanceId, "bob").body());
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("taskDefinitionKey").asText())
        .isEqualTo(KeyGenerationProcess.TASK_APPROVE);
    return tasks.get(0).get("id").asText();
  }
}
