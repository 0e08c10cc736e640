package io.keyflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;

/**
 * Gives a system the use of a key as a user would, over REST: an officer registers the system if it
 * is not yet (with a client certificate of its own), engineering requests the grant
 * (KeyAccessGrant) and another officer approves it in the task. Never by SQL.
 */
public final class AccessGrants {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AccessGrants() {}

  /** Registers {@code system} (bob) unless it is registered already. */
  public static void register(RestClient rest, String system) {
    if (rest.get("/api/recipients/" + system, "bob").statusCode() == 200) {
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", system);
    body.put("environment", "PRODUCTION");
    body.put(
        "certificatePem",
        TestCertificates.selfSigned(system, TestCertificates.rsa("system", 3072)).certificatePem());
    body.put("description", "A system of the tests");
    HttpResponse<String> registered = rest.post("/api/recipients", "bob", body.toString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
  }

  /**
   * Registers {@code system} if needed, then alice requests {@code operations} (e.g. {@code
   * encrypt,decrypt}) on {@code alias} for 365 days and bob approves.
   *
   * @return the grant's id
   */
  public static String grant(RestClient rest, String system, String alias, String operations) {
    register(rest, system);
    String grantId = request(rest, system, alias, operations);
    approve(rest, grantId);
    return grantId;
  }

  /** alice requests the grant; the request waits for an officer. */
  public static String request(RestClient rest, String system, String alias, String operations) {
    ObjectNode body = JSON.createObjectNode();
    body.put("system", system);
    body.put("alias", alias);
    body.put("operations", operations);
    body.put("duration", "P365D");
    body.put("justification", "The tests use this key");
    HttpResponse<String> requested = rest.post("/api/access/grants", "alice", body.toString());
    assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
    return read(requested.body()).get("grantId").asText();
  }

  /** bob approves the grant's task; the grant is ACTIVE when this returns. */
  public static void approve(RestClient rest, String grantId) {
    String processInstanceId =
        read(rest.get("/api/access/grants/" + grantId, "bob").body())
            .get("processInstanceId")
            .asText();
    JsonNode tasks =
        read(rest.get("/engine-rest/task?processInstanceId=" + processInstanceId, "bob").body());
    assertThat(tasks).as("the approval task of grant " + grantId).hasSize(1);
    HttpResponse<String> approved =
        rest.post(
            "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
    assertThat(read(rest.get("/api/access/grants/" + grantId, "bob").body()).get("state").asText())
        .isEqualTo("ACTIVE");
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + body, e);
    }
  }
}
