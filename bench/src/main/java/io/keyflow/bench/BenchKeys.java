package io.keyflow.bench;

import io.keyflow.support.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;

/**
 * What P9's figures share: a key generated through the generation process (alice requests, bob
 * approves), the calling system's grant on it, and the requests and clients of that system.
 */
final class BenchKeys {

  /** The trivial authenticated endpoint on the port the system calls ("who am I"). */
  static final String SELF = "/api/systems/self";

  /** The bench system's client certificate, registered with it. */
  static final TestCertificates.Identity CERTIFICATE =
      TestCertificates.selfSigned("app", TestCertificates.rsa("app", 3072));

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** How the bench's system authenticates, for the notes. */
  static final String AUTHENTICATION =
      "system 'app' by its client certificate on the mutual-TLS port";

  private BenchKeys() {}

  /** Generates {@code alias} and waits until its version 1 is ACTIVE. */
  static String generate(BenchStack stack, String alias, String purpose, String algorithm)
      throws Exception {
    ProcessEngine engine = stack.bean(ProcessEngine.class);
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication("alice", List.of("security-engineering"));
    String instance;
    try {
      instance =
          engine
              .getRuntimeService()
              .startProcessInstanceByKey(
                  HsmPipelineFigure.KEY_GENERATION,
                  Map.of(
                      "alias",
                      alias,
                      "purpose",
                      purpose,
                      "algorithm",
                      algorithm,
                      "justification",
                      "Benchmark of the crypto API"))
              .getId();
    } finally {
      identity.clearAuthentication();
    }
    TaskService tasks = engine.getTaskService();
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    identity.setAuthentication("bob", List.of("security-officer"));
    try {
      tasks.complete(task, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
    Timing.await(
        "key " + alias + " is active",
        Duration.ofMinutes(2),
        () -> {
          try {
            return stack.get("/api/keys/" + alias, "dave").statusCode() == 200;
          } catch (Exception e) {
            return false;
          }
        });
    return alias;
  }

  /**
   * Grants the bench's system {@code operations} on {@code alias} as a user would: registered once
   * (bob), the grant requested by alice and approved by bob through the grant process.
   */
  static void grant(BenchStack stack, String alias, String... operations) throws Exception {
    register(stack);
    String body =
        "{\"system\":\"app\",\"alias\":\""
            + alias
            + "\",\"operations\":\""
            + String.join(",", operations)
            + "\",\"duration\":\"P30D\",\"justification\":\"Benchmark of the crypto API\"}";
    var requested = stack.post("/api/access/grants", "alice", body);
    if (requested.statusCode() != 201) {
      throw new IllegalStateException("grant request answered " + requested.body());
    }
    String instance = JSON.readTree(requested.body()).get("processInstanceId").asText();
    ProcessEngine engine = stack.bean(ProcessEngine.class);
    TaskService tasks = engine.getTaskService();
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication("bob", List.of("security-officer"));
    try {
      tasks.complete(task, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Registers the system {@code app} (the demo key-user) unless it is registered. */
  private static synchronized void register(BenchStack stack) throws Exception {
    if (stack.get("/api/recipients/app", "bob").statusCode() == 200) {
      return;
    }
    String pem = CERTIFICATE.certificatePem().replace("\n", "\\n");
    var registered =
        stack.post(
            "/api/recipients",
            "bob",
            "{\"name\":\"app\",\"environment\":\"PRODUCTION\",\"certificatePem\":\"" + pem + "\"}");
    if (registered.statusCode() != 201) {
      throw new IllegalStateException("registering system app answered " + registered.body());
    }
  }

  static HttpRequest.Builder systemRequest(BenchStack stack, String path) {
    return HttpRequest.newBuilder(URI.create("https://localhost:" + stack.tlsPort + path));
  }

  /** The reference request: "who am I", answered from the authenticated identity alone. */
  static HttpRequest selfRequest(BenchStack stack) {
    return systemRequest(stack, SELF).GET().build();
  }

  /** A client of its own connection, presenting the system's certificate. */
  static HttpClient systemClient(BenchStack stack) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(TestCertificates.clientContext(CERTIFICATE, BenchStack.SERVER.certificate()))
        .build();
  }
}
