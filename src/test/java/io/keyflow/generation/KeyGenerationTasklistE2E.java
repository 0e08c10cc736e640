package io.keyflow.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.support.Browsers;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import io.keyflow.support.Tasklist;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Key generation in the browser: people request and approve in Camunda Tasklist, rendered from
 * Keyflow's Camunda Forms, in real headless Chromium; the outcome is checked over REST. Screenshots
 * of the key steps go to {@code target/e2e/} for people to look at; nothing asserts on them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=true")
class KeyGenerationTasklistE2E {

  private static final String JUSTIFICATION = "Encrypt the payments database";

  /** Tasklist rows say which key a request is about: the task name carries the alias. */
  private static String approvalTask(String alias) {
    return "Approve key generation of " + alias;
  }

  @RegisterExtension final Browsers browsers = new Browsers();

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  @Test
  void aliceRequestsAKeyInTasklistBobApprovesItThereAndTheKeyIsGenerated() throws Exception {
    String alias = "payments-db-" + UUID.randomUUID().toString().substring(0, 8);

    Tasklist alice = logIn("alice");
    requestKey(alice, alias, "generation-1-alice-start-form");

    Tasklist bob = logIn("bob");
    Tasklist.Form approval = bob.openTask(approvalTask(alias), "Field_Alias", alias);
    assertThat(approval.value("Field_RequestedBy")).isEqualTo("alice");
    assertThat(approval.value("Field_Justification")).isEqualTo(JUSTIFICATION);
    assertThat(approval.value("Field_Algorithm")).isEqualTo("AES-256");
    assertThat(approval.isReadOnly("Field_Alias")).isTrue();
    assertThat(approval.isReadOnly("Field_RequestedBy")).isTrue();
    assertThat(approval.isReadOnly("Field_Justification")).isTrue();
    bob.claim();
    approval.tick("Field_Approved");
    bob.capture("generation-2-bob-approval-form");
    bob.complete();
    bob.capture("generation-3-bob-completed");

    FullStack.await(
        "the key is recorded",
        Duration.ofSeconds(60),
        () -> rest.get("/api/keys/" + alias, "dave").statusCode() == 200);
    JsonNode version =
        json.readTree(rest.get("/api/keys/" + alias, "dave").body()).get("versions").get(0);
    assertThat(version.get("version").asInt()).isEqualTo(1);
    assertThat(version.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(version.get("requestedBy").asText()).isEqualTo("alice");
    assertThat(version.get("approvedBy")).hasSize(1);
    assertThat(version.get("approvedBy").get(0).asText()).isEqualTo("bob");
    assertThat(ledgerActions(alias))
        .containsExactly("KEY_GENERATION_REQUESTED", "KEY_GENERATION_APPROVED", "KEY_GENERATED");
  }

  @Test
  void anOfficerWhoRequestedAKeyCannotApproveItInTasklist() throws Exception {
    createUser("erin", "Erin", "security-engineering", "security-officer");
    String alias = "self-approved-" + UUID.randomUUID().toString().substring(0, 8);

    Tasklist erin = logIn("erin");
    requestKey(erin, alias, "four-eyes-1-erin-start-form");
    Tasklist.Form approval = erin.openTask(approvalTask(alias), "Field_Alias", alias);
    assertThat(approval.value("Field_RequestedBy")).isEqualTo("erin");
    erin.claim();
    approval.tick("Field_Approved");
    String refusal = erin.completeExpectingRefusal();
    erin.capture("four-eyes-2-erin-refused");
    assertThat(refusal)
        .contains("Four-eyes rule: erin requested this and cannot also approve or reject it");

    // The task stays open: it is still in erin's list when she comes back, and in the engine.
    erin.openTaskList();
    erin.openTask(approvalTask(alias), "Field_Alias", alias);
    JsonNode open =
        json.readTree(
            rest.get("/engine-rest/task?processInstanceBusinessKey=" + alias, "bob").body());
    assertThat(open).hasSize(1);
    assertThat(open.get(0).get("taskDefinitionKey").asText())
        .isEqualTo(KeyGenerationProcess.TASK_APPROVE);
    // Nothing was generated: no generation job, no key, only the request in the ledger.
    assertThat(
            management
                .createJobQuery()
                .processInstanceId(open.get(0).get("processInstanceId").asText())
                .count())
        .as("jobs of the process (a generation would be one)")
        .isZero();
    assertThat(rest.get("/api/keys/" + alias, "dave").statusCode()).isEqualTo(404);
    assertThat(ledgerActions(alias)).containsExactly("KEY_GENERATION_REQUESTED");
  }

  private Tasklist logIn(String user) {
    return Tasklist.logIn(
        browsers.open(user), "http://localhost:" + port, user, RestClient.PASSWORD);
  }

  private void requestKey(Tasklist tasklist, String alias, String screenshot) {
    tasklist
        .startProcess("Key generation")
        .type("Field_Alias", alias)
        .choose("Field_Purpose", "Data at rest")
        .choose("Field_Algorithm", "AES-256")
        .type("Field_Justification", JUSTIFICATION);
    tasklist.capture(screenshot);
    assertThat(tasklist.submitStartForm()).contains("The process has been started.");
  }

  private void createUser(String id, String firstName, String... groups) {
    User user = identity.newUser(id);
    user.setFirstName(firstName);
    user.setLastName("(test)");
    user.setPassword(RestClient.PASSWORD);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
  }

  private List<String> ledgerActions(String alias) throws Exception {
    return json.readTree(rest.get("/api/ledger?alias=" + alias, "dave").body())
        .findValuesAsText("action");
  }
}
