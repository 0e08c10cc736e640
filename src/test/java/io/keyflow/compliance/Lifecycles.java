package io.keyflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Key lifecycles driven as people drive them over REST: alice requests, an officer approves with a
 * comment, the job executor does the HSM work. Each method waits (bounded) for the outcome.
 */
final class Lifecycles {

  static final String JUSTIFICATION = "Encrypt the card vault of the payments service";

  private final RestClient rest;
  private final ObjectMapper json = new ObjectMapper();

  Lifecycles(RestClient rest) {
    this.rest = rest;
  }

  /**
   * alice requests an AES-256 key, {@code officer} approves it; returns the generation's instance
   * id.
   */
  String generate(
      String alias,
      String purpose,
      String environment,
      boolean exportable,
      String officer,
      String comment) {
    ObjectNode variables = json.createObjectNode();
    variables.putObject("alias").put("value", alias);
    variables.putObject("purpose").put("value", purpose);
    variables.putObject("algorithm").put("value", "AES-256");
    variables.putObject("environment").put("value", environment);
    variables.putObject("exportable").put("value", exportable);
    variables.putObject("justification").put("value", JUSTIFICATION);
    String instance = start("KeyGeneration", variables);
    approve(instance, officer, comment);
    FullStack.await(
        alias + " is ACTIVE",
        Duration.ofSeconds(60),
        () -> rest.get("/api/keys/" + alias, "dave").statusCode() == 200);
    return instance;
  }

  /**
   * alice asks to rotate the key, {@code officer} approves; returns the rotation's instance id once
   * v2 is primary.
   */
  String rotate(String alias, int newVersion, String officer, String comment) {
    ObjectNode variables = json.createObjectNode();
    variables.putObject("alias").put("value", alias);
    variables.putObject("reason").put("value", "Scheduled rotation before the protect-stop");
    String instance = start("KeyRotation", variables);
    approve(instance, officer, comment);
    FullStack.await(
        alias + " v" + newVersion + " is primary",
        Duration.ofSeconds(60),
        () -> read("/api/keys/" + alias).path("primaryVersion").asInt() == newVersion);
    return instance;
  }

  /**
   * Waits for the instance's open task and completes it as the officer, approving with a comment.
   */
  void approve(String processInstanceId, String officer, String comment) {
    FullStack.await(
        "an approval task of " + processInstanceId,
        Duration.ofSeconds(30),
        () ->
            readAs("/engine-rest/task?processInstanceId=" + processInstanceId, officer).size()
                == 1);
    String task =
        readAs("/engine-rest/task?processInstanceId=" + processInstanceId, officer)
            .get(0)
            .get("id")
            .asText();
    ObjectNode variables = json.createObjectNode();
    variables.putObject("approved").put("value", true);
    variables.putObject("comment").put("value", comment);
    var claimed =
        rest.post(
            "/engine-rest/task/" + task + "/claim", officer, "{\"userId\":\"" + officer + "\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    var completed =
        rest.post(
            "/engine-rest/task/" + task + "/complete",
            officer,
            "{\"variables\":" + variables + "}");
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
  }

  JsonNode read(String path) {
    return readAs(path, "dave");
  }

  JsonNode readAs(String path, String user) {
    var response = rest.get(path, user);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    try {
      return json.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String start(String process, ObjectNode variables) {
    var response =
        rest.post(
            "/engine-rest/process-definition/key/" + process + "/start",
            "alice",
            "{\"variables\":" + variables + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return json.readTree(response.body()).get("id").asText();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
