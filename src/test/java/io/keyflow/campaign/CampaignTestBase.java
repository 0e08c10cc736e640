package io.keyflow.campaign;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.campaign.internal.CampaignRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.LifecycleFixtures.FakeVault;
import io.keyflow.lifecycle.ProcessTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Campaign process tests: a small campaign threshold and batch size, the job executor off (tests
 * run the jobs), the vault a mock. Each test's keys are the only ones due: what earlier tests left
 * due is pushed past every lead time and retention afterwards, and their instances are removed.
 */
@TestPropertySource(
    properties = {
      "keyflow.rotation.campaign-threshold=3",
      "keyflow.destruction.campaign-threshold=3",
      "keyflow.campaign.batch-size=2"
    })
abstract class CampaignTestBase extends ProcessTestBase {

  static final List<String> CAMPAIGN_PROCESSES =
      List.of(
          RotationCampaignProcess.PROCESS_KEY,
          CampaignKeyRotationProcess.PROCESS_KEY,
          DestructionCampaignProcess.PROCESS_KEY,
          CampaignVersionDestructionProcess.PROCESS_KEY,
          "KeyRotation",
          "KeyDestruction");

  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired CampaignRepository campaigns;
  FakeVault fakeVault;

  @BeforeEach
  void fakeVault() {
    fakeVault = LifecycleFixtures.fakeVault(vault);
  }

  @AfterEach
  void nothingLeftDueForTheNextTest() {
    for (String key : CAMPAIGN_PROCESSES) {
      runtime
          .createProcessInstanceQuery()
          .processDefinitionKey(key)
          .list()
          .forEach(
              instance ->
                  runtime.deleteProcessInstance(instance.getId(), "test cleanup", true, true));
    }
    jdbc.update(
        "UPDATE key_version SET protect_stop_at = TIMESTAMP '2999-01-01 00:00:00', "
            + "retain_until = CASE WHEN retain_until IS NULL THEN NULL ELSE TIMESTAMP '2999-01-01 00:00:00' END");
    jdbc.update("UPDATE campaign SET state = 'FINISHED'");
  }

  /**
   * Fires the sweep's timer as the job executor would, and returns the campaign it started (if
   * any).
   */
  ProcessInstance runSweep(String sweepKey, String campaignKey) {
    Job timer = management.createJobQuery().processDefinitionKey(sweepKey).timers().singleResult();
    execute(timer);
    return runtime
        .createProcessInstanceQuery()
        .processDefinitionKey(campaignKey)
        .active()
        .list()
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** Decides the campaign's open approval task as {@code officer}. */
  void approve(String officer, ProcessInstance campaign, String exclusions) {
    Map<String, Object> decision = new HashMap<>();
    decision.put("approved", true);
    if (exclusions != null) {
      decision.put("exclusions", exclusions);
    }
    completeAs(officer, task(campaign).getId(), decision);
  }

  /**
   * Runs every due job (batches, per-key steps) until none is left, failing jobs included, up to a
   * bound.
   */
  void runJobs() {
    for (int round = 0; round < 200; round++) {
      List<Job> jobs =
          management.createJobQuery().executable().list().stream()
              .filter(
                  job ->
                      job.getProcessDefinitionKey() != null
                          && CAMPAIGN_PROCESSES.contains(job.getProcessDefinitionKey()))
              .toList();
      if (jobs.isEmpty()) {
        return;
      }
      for (Job job : jobs) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // A failing step: its retries count down to an incident, as with the job executor.
        }
      }
    }
    throw new AssertionError("jobs still running after 200 rounds");
  }

  /** Fires the campaign's progress timer once. */
  void updateProgress(ProcessInstance campaign) {
    Job timer =
        management.createJobQuery().processInstanceId(campaign.getId()).timers().singleResult();
    management.executeJob(timer.getId());
  }

  JsonNode details(String action, String processInstanceId) throws Exception {
    String json =
        jdbc.queryForObject(
            "SELECT details FROM ledger_entry WHERE action = ? AND process_instance_id = ? ORDER BY seq LIMIT 1",
            String.class,
            action,
            processInstanceId);
    return new ObjectMapper().readTree(json);
  }

  long entries(String action, String processInstanceId) {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ledger_entry WHERE action = ? AND process_instance_id = ?",
            Long.class,
            action,
            processInstanceId);
    return count == null ? 0 : count;
  }
}
