package io.keyflow.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.support.RestClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Custodians acknowledge their responsibilities in Tasklist (PCI DSS 3.7.8): the sweep records who
 * holds the roles and asks each custodian once; only they can acknowledge, only by ticking it; the
 * evidence pack lists who acknowledged and who is overdue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CustodianAcknowledgementIT {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void custodiansAreAskedOnceAcknowledgeThemselvesAndThePackShowsWhoIsOverdue() throws Exception {
    RestClient rest = new RestClient(port);
    runtime.startProcessInstanceByKey(CustodianSweepProcess.PROCESS_KEY);

    assertThat(ledger("ROLE_MEMBERSHIP_CHANGED"))
        .extracting(e -> e.get("details").get("group").asText())
        .containsExactlyInAnyOrder("security-officer", "security-engineering", "auditor");
    assertThat(acknowledgementsOpenFor()).containsExactlyInAnyOrder("alice", "bob", "carol");

    JsonNode tasks = json.readTree(rest.get("/engine-rest/task?assignee=alice", "alice").body());
    assertThat(tasks).hasSize(1);
    String task = tasks.get(0).get("id").asText();
    assertThat(tasks.get(0).get("name").asText())
        .isEqualTo("Acknowledge custodian responsibilities");

    var byBob =
        rest.post(
            "/engine-rest/task/" + task + "/complete",
            "bob",
            "{\"variables\":{\"acknowledged\":{\"value\":true}}}");
    assertThat(byBob.statusCode()).as(byBob.body()).isEqualTo(403);
    var unticked =
        rest.post(
            "/engine-rest/task/" + task + "/complete",
            "alice",
            "{\"variables\":{\"acknowledged\":{\"value\":false}}}");
    assertThat(unticked.statusCode()).as(unticked.body()).isEqualTo(400);
    assertThat(unticked.body()).contains("Tick 'I acknowledge these responsibilities'");
    assertThat(ledger("CUSTODIAN_ACKNOWLEDGED")).isEmpty();

    var forged =
        rest.post(
            "/engine-rest/task/" + task + "/complete",
            "alice",
            "{\"variables\":{\"acknowledged\":{\"value\":true},\"responsibilitiesSha256\":{\"value\":\"forged\"}}}");
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    assertThat(forged.body()).contains("responsibilitiesSha256");
    assertThat(ledger("CUSTODIAN_ACKNOWLEDGED")).isEmpty();
    var acknowledged =
        rest.post(
            "/engine-rest/task/" + task + "/complete",
            "alice",
            "{\"variables\":{\"acknowledged\":{\"value\":true}}}");
    assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(204);
    List<JsonNode> entries = ledger("CUSTODIAN_ACKNOWLEDGED");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).get("actor").asText()).isEqualTo("alice");
    assertThat(entries.get(0).get("details").get("textSha256").asText())
        .hasSize(64)
        .isNotEqualTo("forged");

    // A new engineer joins: the next sweep records the change and asks only them.
    User erin = identity.newUser("erin");
    erin.setPassword(RestClient.PASSWORD);
    identity.saveUser(erin);
    identity.createMembership("erin", "security-engineering");
    runtime.startProcessInstanceByKey(CustodianSweepProcess.PROCESS_KEY);
    List<JsonNode> changes = ledger("ROLE_MEMBERSHIP_CHANGED");
    assertThat(changes).hasSize(4);
    assertThat(changes.get(3).get("details").get("added").toString()).isEqualTo("[\"erin\"]");
    assertThat(acknowledgementsOpenFor()).containsExactlyInAnyOrder("bob", "carol", "erin");

    // The pack: alice acknowledged, the others are overdue; the change of membership is listed.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    HttpResponse<byte[]> pack =
        rest.download("/api/evidence?from=" + today + "&to=" + today, "dave");
    assertThat(pack.statusCode()).isEqualTo(200);
    JsonNode tables = json.readTree(evidenceJson(pack.body())).get("tables");
    List<String> acknowledgements = new ArrayList<>();
    tables
        .get("acknowledgements")
        .forEach(
            r ->
                acknowledgements.add(
                    r.get("custodian").asText() + " " + r.get("status").asText().split(" ")[0]));
    assertThat(acknowledgements)
        .containsExactlyInAnyOrder(
            "alice acknowledged", "bob PENDING", "carol PENDING", "erin PENDING");
    List<String> membership = new ArrayList<>();
    tables
        .get("role-membership")
        .forEach(
            r ->
                membership.add(
                    r.get("group").asText()
                        + " "
                        + r.get("member").asText()
                        + " "
                        + r.get("source").asText().split(" ")[0]));
    assertThat(membership)
        .contains(
            "security-engineering erin added",
            "auditor dave added",
            "security-engineering erin member");

    // A year on: alice is asked again, and a pack for the year shows everyone overdue.
    assertThat(rest.post("/api/demo/clock", "admin", "{\"advanceDays\":366}").statusCode())
        .isEqualTo(200);
    try {
      runtime.startProcessInstanceByKey(CustodianSweepProcess.PROCESS_KEY);
      assertThat(acknowledgementsOpenFor())
          .containsExactlyInAnyOrder("alice", "bob", "carol", "erin");
      HttpResponse<byte[]> yearLater =
          rest.download("/api/evidence?from=" + today + "&to=" + today.plusDays(366), "dave");
      JsonNode later = json.readTree(evidenceJson(yearLater.body())).get("tables");
      List<String> overdue = new ArrayList<>();
      later
          .get("exceptions")
          .forEach(
              r ->
                  overdue.add(
                      r.get("kind").asText() + " " + r.get("description").asText().split(" ")[0]));
      assertThat(overdue)
          .contains(
              "CUSTODIAN_ACKNOWLEDGEMENT_OVERDUE alice",
              "CUSTODIAN_ACKNOWLEDGEMENT_OVERDUE bob",
              "CUSTODIAN_ACKNOWLEDGEMENT_OVERDUE erin");
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  private List<String> acknowledgementsOpenFor() {
    return runtime
        .createProcessInstanceQuery()
        .processDefinitionKey(CustodianAcknowledgementProcess.PROCESS_KEY)
        .list()
        .stream()
        .map(p -> p.getBusinessKey())
        .toList();
  }

  private List<JsonNode> ledger(String action) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (var row :
        jdbc.queryForList(
            "SELECT actor, details FROM ledger_entry WHERE action = ? ORDER BY seq", action)) {
      JsonNode entry =
          json.createObjectNode()
              .put("actor", (String) row.get("actor"))
              .set("details", json.readTree((String) row.get("details")));
      found.add(entry);
    }
    return found;
  }

  private static String evidenceJson(byte[] zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (entry.getName().equals("evidence.json")) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no evidence.json in the pack");
  }
}
