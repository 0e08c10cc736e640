package io.keyflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * P1's second line: one REST start + task lookup + approval of a key generation, against the same
 * three calls on a bare start → user task → end process ({@code bench/BenchBareApproval.bpmn}, a
 * test resource the bench deploys) over the same {@code /engine-rest} of the same application, with
 * the same users and the same request variables. The job executor is paused meanwhile, so only the
 * requests are timed; the two kinds alternate so both see the same load.
 */
final class RestApprovalCost {

  static final String BARE = "BenchBareApproval";
  private static final String REQUEST =
      "{\"variables\":{\"alias\":{\"value\":\"%s\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
          + "\"algorithm\":{\"value\":\"AES-256\"},\"justification\":{\"value\":\"Benchmark of the REST approval\"}}}";
  private static final String APPROVE = "{\"variables\":{\"approved\":{\"value\":true}}}";

  private final BenchStack stack;
  private final ProcessEngine engine;
  private final ObjectMapper json = new ObjectMapper();

  RestApprovalCost(BenchStack stack, ProcessEngine engine) {
    this.stack = stack;
    this.engine = engine;
  }

  Measurement measure(int rounds) throws Exception {
    deployBareProcess();
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getJobExecutor()
        .shutdown();
    int warmUp = 5;
    long[] keyflow = new long[rounds];
    long[] bare = new long[rounds];
    for (int i = -warmUp; i < rounds; i++) {
      long k = startAndApprove("KeyGeneration", "bench-rest-" + (i + warmUp));
      long b = startAndApprove(BARE, "bench-bare-" + (i + warmUp));
      if (i >= 0) {
        keyflow[i] = k;
        bare[i] = b;
      }
    }
    double keyflowMs = median(keyflow) / 1e6;
    double bareMs = median(bare) / 1e6;
    return Measurement.atMost(
        "P1-rest",
        "REST start + approval of a key generation ÷ bare Camunda start + task complete",
        String.format("%.1f ms", keyflowMs),
        String.format("bare process %.1f ms", bareMs),
        keyflowMs / bareMs,
        1.5,
        "median of "
            + rounds
            + " sequential rounds (start, GET task, complete) over /engine-rest, job executor paused");
  }

  private long startAndApprove(String process, String alias) throws Exception {
    long began = System.nanoTime();
    HttpResponse<String> started =
        stack.post(
            "/engine-rest/process-definition/key/" + process + "/start",
            "alice",
            String.format(REQUEST, alias));
    require(started, 200);
    String instance = json.readTree(started.body()).get("id").asText();
    HttpResponse<String> task = stack.get("/engine-rest/task?processInstanceId=" + instance, "bob");
    require(task, 200);
    String taskId = json.readTree(task.body()).get(0).get("id").asText();
    require(stack.post("/engine-rest/task/" + taskId + "/complete", "bob", APPROVE), 204);
    return System.nanoTime() - began;
  }

  private void deployBareProcess() {
    engine
        .getRepositoryService()
        .createDeployment()
        .name("bench")
        .addClasspathResource("bench/" + BARE + ".bpmn")
        .addClasspathResource("bench/bench-approve.form")
        .deploy();
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization definition = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    definition.setGroupId("security-engineering");
    definition.setResource(Resources.PROCESS_DEFINITION);
    definition.setResourceId(BARE);
    definition.addPermission(Permissions.READ);
    definition.addPermission(Permissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(definition);
  }

  private static void require(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
