package io.keyflow.bench;

import io.keyflow.hsm.pkcs11.RawKeygen;
import io.keyflow.hsm.pkcs11.SoftHsmToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/**
 * P1: approved key generations completed per second once approved (requests and approvals made
 * through the Java API while the job executor is paused, then timed from its start until every
 * instance has ended) ÷ bare {@code C_GenerateKey}/s with the same template on the same token; and
 * the cost of one REST start + approval of a key generation ÷ that of a bare Camunda process.
 */
final class HsmPipelineFigure implements Figure {

  static final String KEY_GENERATION = "KeyGeneration";

  /** The job executor's core pool (Camunda's default), used for the raw side too. */
  static final int RAW_THREADS = 3;

  @Override
  public String id() {
    return "P1";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    int generations = stack.scale(300, 60);
    ProcessEngine engine = stack.bean(ProcessEngine.class);
    JobExecutor jobs =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    jobs.shutdown();
    List<String> instances = new ArrayList<>();
    for (int i = 0; i < generations; i++) {
      instances.add(startAs(engine, "alice", "bench-p1-" + i));
    }
    for (String instance : instances) {
      approveAs(engine, "bob", instance);
    }
    long began = System.nanoTime();
    jobs.start();
    awaitEnded(engine.getHistoryService(), generations);
    double pipeline = generations / Timing.seconds(began, System.nanoTime());
    RawKeygen raw = new RawKeygen(SoftHsmToken.MODULE, stack.token.label, SoftHsmToken.USER_PIN);
    long rawStart = System.nanoTime();
    raw.generate(generations, RAW_THREADS, "keyflow/bench-p1");
    double rawRate = generations / Timing.seconds(rawStart, System.nanoTime());
    List<Measurement> lines = new ArrayList<>();
    lines.add(
        Measurement.atLeast(
            "P1",
            "approved generations completed/s after approval ÷ raw C_GenerateKey/s",
            Timing.rate(pipeline, "gen"),
            Timing.rate(rawRate, "C_GenerateKey") + " x" + RAW_THREADS,
            pipeline / rawRate,
            0.8,
            generations
                + " AES-256 generations on SoftHSM2 + PostgreSQL; job executor defaults (3 threads), raw on "
                + RAW_THREADS
                + " sessions"));
    lines.add(new RestApprovalCost(stack, engine).measure(stack.scale(60, 20)));
    jobs.start();
    awaitEnded(
        engine.getHistoryService(),
        engine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(KEY_GENERATION)
            .count());
    return lines;
  }

  static String startAs(ProcessEngine engine, String user, String alias) {
    IdentityService identity = engine.getIdentityService();
    RuntimeService runtime = engine.getRuntimeService();
    identity.setAuthentication(user, groups(identity, user));
    try {
      return runtime
          .startProcessInstanceByKey(
              KEY_GENERATION,
              Map.of(
                  "alias",
                  alias,
                  "purpose",
                  "DATA_AT_REST",
                  "algorithm",
                  "AES-256",
                  "justification",
                  "Benchmark of the generation pipeline"))
          .getId();
    } finally {
      identity.clearAuthentication();
    }
  }

  static void approveAs(ProcessEngine engine, String user, String instance) {
    IdentityService identity = engine.getIdentityService();
    TaskService tasks = engine.getTaskService();
    String taskId = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    identity.setAuthentication(user, groups(identity, user));
    try {
      tasks.complete(taskId, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
  }

  private static List<String> groups(IdentityService identity, String user) {
    return identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> g.getId())
        .toList();
  }

  private static void awaitEnded(HistoryService history, long count) throws InterruptedException {
    Timing.await(
        count + " key generations ended",
        Duration.ofMinutes(30),
        () ->
            history
                    .createHistoricProcessInstanceQuery()
                    .processDefinitionKey(KEY_GENERATION)
                    .finished()
                    .count()
                >= count);
  }
}
