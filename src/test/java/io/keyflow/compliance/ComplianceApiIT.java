package io.keyflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.support.RestClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The compliance endpoints the Cockpit plugin reads, over HTTP on the software vault: who may read
 * them, filters, sorting and paging, refusals as problem details, and the Cockpit session standing
 * in for a second login (read-only).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceApiIT {

  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  private static final String AT_REST = "orders-db-" + SUFFIX;
  private static final String IN_TRANSIT = "tls-session-" + SUFFIX;
  private static final String TEST_KEY = "staging-cache-" + SUFFIX;

  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  RestClient rest;
  Lifecycles lifecycles;
  String generation;

  @BeforeEach
  void keys() {
    rest = new RestClient(port);
    lifecycles = new Lifecycles(rest);
    if (generation == null) {
      generation =
          lifecycles.generate(
              AT_REST,
              "DATA_AT_REST",
              "PRODUCTION",
              false,
              "bob",
              "Needed for the orders migration");
      lifecycles.generate(IN_TRANSIT, "DATA_IN_TRANSIT", "PRODUCTION", false, "carol", "");
      lifecycles.generate(TEST_KEY, "DATA_AT_REST", "TEST", false, "bob", "Test environment only");
    }
  }

  @Test
  void officersAndAuditorsReadTheComplianceEndpointsEngineersAndKeyUsersAreRefused()
      throws Exception {
    for (String path :
        List.of(
            "/api/compliance/dashboard",
            "/api/compliance/keys",
            "/api/compliance/controls",
            "/api/compliance/keys/" + AT_REST + "/timeline")) {
      assertThat(rest.get(path, "dave").statusCode()).as("auditor " + path).isEqualTo(200);
      assertThat(rest.get(path, "bob").statusCode()).as("officer " + path).isEqualTo(200);
      for (String other : List.of("alice", "app")) {
        HttpResponse<String> refused = rest.get(path, other);
        assertThat(refused.statusCode()).as(other + " " + path).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(json.readTree(refused.body()).get("detail").asText())
            .contains("security-officer, auditor");
      }
      assertThat(rest.get(path, null).statusCode()).as("anonymous " + path).isEqualTo(401);
    }
  }

  @Test
  void theInventoryFiltersByPurposeEnvironmentStateAndOverdueSortsAndPages() throws Exception {
    assertThat(aliases("purpose=DATA_IN_TRANSIT"))
        .contains(IN_TRANSIT)
        .doesNotContain(AT_REST, TEST_KEY);
    assertThat(aliases("environment=TEST")).contains(TEST_KEY).doesNotContain(AT_REST, IN_TRANSIT);
    assertThat(aliases("state=ACTIVE&overdue=false")).contains(AT_REST, IN_TRANSIT, TEST_KEY);
    assertThat(aliases("state=DESTROYED")).doesNotContain(AT_REST, IN_TRANSIT, TEST_KEY);
    assertThat(aliases("overdue=true")).doesNotContain(AT_REST, IN_TRANSIT, TEST_KEY);
    assertThat(aliases("environment=production&purpose=data_at_rest"))
        .as("values are case-insensitive")
        .contains(AT_REST);

    List<String> ascending = aliases("sort=alias");
    List<String> descending = aliases("sort=-alias");
    assertThat(ascending).isSorted();
    List<String> reversed = new ArrayList<>(ascending);
    java.util.Collections.reverse(reversed);
    assertThat(descending).containsExactlyElementsOf(reversed);

    JsonNode first = page("sort=alias&size=1&page=0");
    JsonNode second = page("sort=alias&size=1&page=1");
    assertThat(first.get("total").asInt()).isEqualTo(ascending.size());
    assertThat(first.get("rows")).hasSize(1);
    assertThat(first.get("rows").get(0).get("alias").asText()).isEqualTo(ascending.get(0));
    assertThat(second.get("rows").get(0).get("alias").asText()).isEqualTo(ascending.get(1));

    JsonNode row = row(AT_REST);
    assertThat(row.get("purpose").asText()).isEqualTo("DATA_AT_REST");
    assertThat(row.get("algorithm").asText()).isEqualTo("AES-256");
    assertThat(row.get("primaryVersion").asInt()).isEqualTo(1);
    assertThat(row.get("primaryState").asText()).isEqualTo("ACTIVE");
    assertThat(row.get("daysLeft").asLong()).isBetween(363L, 365L);
    assertThat(row.get("overdue").asBoolean()).isFalse();
    assertThat(row.get("holders")).isEmpty();
  }

  @Test
  void badFiltersHugePagesAndUnknownAliasesGetProblemDetails() throws Exception {
    assertProblem(
        "/api/compliance/keys?state=BROKEN",
        400,
        "state 'BROKEN' is not one of PRE_ACTIVE, ACTIVE");
    assertProblem(
        "/api/compliance/keys?purpose=TOASTING",
        400,
        "purpose 'TOASTING' is not one of DATA_AT_REST");
    assertProblem(
        "/api/compliance/keys?environment=MOON",
        400,
        "environment 'MOON' is not one of PRODUCTION, TEST");
    assertProblem("/api/compliance/keys?overdue=maybe", 400, "overdue must be true or false");
    assertProblem("/api/compliance/keys?sort=colour", 400, "sort 'colour' is not one of ALIAS");
    assertProblem("/api/compliance/keys?size=1000000", 400, "size must be between 1 and 200");
    assertProblem("/api/compliance/keys?size=0", 400, "size must be between 1 and 200");
    assertProblem("/api/compliance/keys?page=-1", 400, "page must be 0 or more");
    assertThat(rest.get("/api/compliance/keys?size=lots", "dave").statusCode()).isEqualTo(400);
    assertProblem(
        "/api/compliance/keys/no-such-key-" + SUFFIX + "/timeline",
        404,
        "No key and no ledger entry with alias");
  }

  @Test
  void aKeysTimelineNamesTheRequestTheApprovalWithCommentAndTheGenerationWithSequencesAndInstance()
      throws Exception {
    JsonNode timeline = json.readTree(ok("/api/compliance/keys/" + AT_REST + "/timeline"));
    assertThat(timeline.findValuesAsText("action"))
        .containsExactly("KEY_GENERATION_REQUESTED", "KEY_GENERATION_APPROVED", "KEY_GENERATED");
    assertThat(timeline.get(0).get("actor").asText()).isEqualTo("alice");
    assertThat(timeline.get(0).get("summary").asText())
        .contains("Generation requested by alice")
        .contains(Lifecycles.JUSTIFICATION);
    assertThat(timeline.get(1).get("actor").asText()).isEqualTo("bob");
    assertThat(timeline.get(1).get("summary").asText())
        .contains("approved by bob")
        .contains("Needed for the orders migration");
    assertThat(timeline.get(2).get("summary").asText()).contains("KCV");
    List<Long> sequences = new ArrayList<>();
    for (JsonNode event : timeline) {
      assertThat(event.get("processInstanceId").asText()).isEqualTo(generation);
      sequences.add(event.get("seq").asLong());
    }
    assertThat(sequences).isSorted();
  }

  @Test
  void theDashboardShowsAValidLedgerKeysByStateAndNoOverdueRotation() throws Exception {
    JsonNode dashboard = json.readTree(ok("/api/compliance/dashboard"));
    assertThat(dashboard.get("ledger").get("valid").asBoolean()).isTrue();
    assertThat(dashboard.get("ledger").get("entries").asLong()).isGreaterThanOrEqualTo(9);
    assertThat(dashboard.get("ledger").get("firstInvalidSequence").isNull()).isTrue();
    assertThat(dashboard.get("keys").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(dashboard.get("keysByState").get("ACTIVE").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(dashboard.get("overdue")).isEmpty();
    assertThat(dashboard.get("lastAttestation").isNull())
        .as("no storage attestation has run")
        .isTrue();
  }

  @Test
  void controlsReportEachControlWithTheRowsAndLedgerSequencesThatProveIt() throws Exception {
    JsonNode report = json.readTree(ok("/api/compliance/controls"));
    assertThat(report.get("controls").findValuesAsText("id"))
        .containsExactly("4.1", "4.2", "4.3", "4.4", "4.5", "6", "8");
    JsonNode origin = control(report, "4.1");
    assertThat(origin.get("verdict").asText()).as(origin.toString()).isEqualTo("PASS");
    JsonNode atRest = finding(origin, AT_REST + " v1");
    assertThat(atRest.get("holds").asBoolean()).isTrue();
    assertThat(atRest.get("statement").asText())
        .contains("AES-256 is allowed for DATA_AT_REST")
        .contains("CKA_LOCAL");
    long generated =
        json.readTree(ok("/api/ledger?alias=" + AT_REST)).get("entries").get(2).get("seq").asLong();
    assertThat(atRest.get("ledgerSequences").get(0).asLong()).isEqualTo(generated);
    assertThat(control(report, "4.4").get("verdict").asText())
        .as(control(report, "4.4").toString())
        .isEqualTo("PASS");
    JsonNode duties = control(report, "8");
    assertThat(duties.get("verdict").asText()).as(duties.toString()).isEqualTo("PASS");
    assertThat(finding(duties, AT_REST + " key generation approved").get("statement").asText())
        .isEqualTo("requested by alice, decided by officer bob");
    assertThat(control(report, "4.3").get("verdict").asText())
        .as("no storage attestation yet")
        .isEqualTo("FAIL");
    assertThat(report.get("verdict").asText()).isEqualTo("FAIL");
  }

  @Test
  void aCockpitSessionReadsTheApiWithoutASecondLoginButNeverWrites() throws Exception {
    HttpClient dave = logInToCockpit("dave");
    HttpResponse<String> dashboard =
        dave.send(get("/api/compliance/dashboard"), HttpResponse.BodyHandlers.ofString());
    assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
    assertThat(json.readTree(dashboard.body()).get("ledger").get("valid").asBoolean()).isTrue();

    HttpClient bob = logInToCockpit("bob");
    HttpResponse<String> post =
        bob.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/ledger/checkpoints"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).as("a session never authorises a change").isEqualTo(401);
    HttpResponse<String> engineRest =
        bob.send(get("/engine-rest/task"), HttpResponse.BodyHandlers.ofString());
    assertThat(engineRest.statusCode()).as("nor the engine REST API").isEqualTo(401);

    HttpClient alice = logIn("alice", "tasklist");
    assertThat(alice.send(get("/api/keys"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("a Tasklist session is not a Cockpit session")
        .isEqualTo(401);
  }

  private HttpClient logInToCockpit(String user) throws Exception {
    return logIn(user, "cockpit");
  }

  /**
   * Logs in to a Camunda webapp as the browser does: the login form's POST, with the CSRF cookie
   * echoed.
   */
  private HttpClient logIn(String user, String app) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    http.send(get("/camunda/app/" + app + "/default/"), HttpResponse.BodyHandlers.discarding());
    String csrf =
        cookies.getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .findFirst()
            .orElseThrow()
            .getValue();
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + RestClient.PASSWORD;
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base() + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return http;
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base() + path))
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private void assertProblem(String path, int status, String detail) throws Exception {
    HttpResponse<String> response = rest.get(path, "dave");
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(response.body()).get("detail").asText()).contains(detail);
  }

  private String ok(String path) {
    HttpResponse<String> response = rest.get(path, "dave");
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  private JsonNode page(String query) throws Exception {
    return json.readTree(ok("/api/compliance/keys?" + query));
  }

  private List<String> aliases(String query) throws Exception {
    return page(query + "&size=200").get("rows").findValuesAsText("alias");
  }

  private JsonNode row(String alias) throws Exception {
    for (JsonNode row : page("size=200").get("rows")) {
      if (row.get("alias").asText().equals(alias)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + alias);
  }

  private static JsonNode control(JsonNode report, String id) {
    for (JsonNode control : report.get("controls")) {
      if (control.get("id").asText().equals(id)) {
        return control;
      }
    }
    throw new AssertionError("no control " + id);
  }

  private static JsonNode finding(JsonNode control, String subject) {
    for (JsonNode finding : control.get("findings")) {
      if (finding.get("subject").asText().equals(subject)) {
        return finding;
      }
    }
    throw new AssertionError("no finding for " + subject + " in " + control);
  }
}
