package io.keyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.RestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RestSecurityIT {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(port);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/engine-rest/engine",
        "/engine-rest/process-definition",
        "/engine-rest/process-definition/key/KeyGeneration/start",
        "/engine-rest/process-instance",
        "/engine-rest/task",
        "/engine-rest/history/process-instance",
        "/engine-rest/history/user-operation",
        "/engine-rest/deployment",
        "/engine-rest/user",
        "/engine-rest/group",
        "/engine-rest/authorization",
        "/engine-rest/job",
        "/engine-rest/incident",
        "/engine-rest/variable-instance",
        "/engine-rest/identity/verify",
        "/engine-rest/engine/default/process-definition",
        "/api/keys",
        "/api/keys/some-alias",
        "/api/keys/some-alias/encrypt",
        "/api/keys/some-alias/decrypt",
        "/api/demo/clock",
        "/api/ledger",
        "/api/ledger/verify",
        "/api/openapi",
        "/api/docs",
        "/api/unknown"
      })
  void everyRestEndpointFamilyAnswers401WithoutCredentialsAndNoDetail(String path) {
    var response = rest.get(path, null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

    var post =
        rest.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")),
            null,
            null);
    assertThat(post.statusCode()).isEqualTo(401);
  }

  @Test
  void wrongPasswordAndUnknownUserAnswer401() {
    String user = "frank" + System.nanoTime();
    var frank = identity.newUser(user);
    frank.setPassword("right-password");
    identity.saveUser(frank);

    assertThat(rest.get("/engine-rest/engine", user, "wrong-password").statusCode()).isEqualTo(401);
    assertThat(rest.get("/api/keys", "nobody", "whatever").statusCode()).isEqualTo(401);
    assertThat(rest.get("/api/keys", "nobody", "whatever").body()).isEmpty();
  }

  @Test
  void authenticatedUserReachesTheEngine() {
    var response = rest.get("/engine-rest/engine", "alice");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("default");
  }

  @Test
  void auditorCannotStartAProcess() {
    var response =
        rest.post(
            "/engine-rest/process-definition/key/KeyGeneration/start",
            "dave",
            "{\"variables\":{\"alias\":{\"value\":\"audit-try\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                + "\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"x\"}}}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(rest.get("/engine-rest/process-instance?businessKey=audit-try", "bob").body())
        .isEqualTo("[]");
  }

  @Test
  void officerCannotStartAndEngineerCannotVerifyTheLedger() {
    var start =
        rest.post(
            "/engine-rest/process-definition/key/KeyGeneration/start",
            "bob",
            "{\"variables\":{\"alias\":{\"value\":\"officer-try\"}}}");
    assertThat(start.statusCode()).isEqualTo(403);
    var verify = rest.get("/api/ledger/verify", "alice");
    assertThat(verify.statusCode()).isEqualTo(403);
    assertThat(verify.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
  }

  @Test
  void everyRoleReadsTheInventoryAndOfficersAndAuditorsVerifyTheLedger() {
    for (String user : new String[] {"alice", "bob", "carol", "dave"}) {
      assertThat(rest.get("/api/keys", user).statusCode()).as(user).isEqualTo(200);
    }
    assertThat(rest.get("/api/ledger/verify", "dave").statusCode()).isEqualTo(200);
    assertThat(rest.get("/api/ledger/verify", "bob").body()).contains("\"valid\":true");
  }
}
