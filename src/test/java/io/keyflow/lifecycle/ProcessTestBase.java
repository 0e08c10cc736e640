package io.keyflow.lifecycle;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.keyflow.hsm.KeyVault;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Process tests: the real application context on an in-memory H2 database with the job executor off
 * (tests execute jobs themselves) and the vault replaced by a Mockito mock, so every path —
 * including vault failures — can be driven step by step with camunda-bpm-assert.
 */
@SpringBootTest
@ActiveProfiles("test")
public abstract class ProcessTestBase {

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected IdentityService identity;
  @Autowired protected JdbcTemplate jdbc;
  @MockitoBean protected KeyVault vault;

  @BeforeEach
  void initAssertions() {
    init(engine);
  }

  @AfterEach
  void clearAuthenticationAndClock() {
    identity.clearAuthentication();
    // Tests move the one clock (Camunda's ClockUtil, read by Keyflow's Clock bean) across
    // protect-stop and retention dates; every test starts from real time again.
    ClockUtil.reset();
  }

  /** Acts as {@code user} with the groups the identity service knows for it. */
  protected void actAs(String user) {
    List<String> groups =
        identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    identity.setAuthentication(user, groups);
  }

  protected ProcessInstance start(
      String processKey, String user, java.util.Map<String, Object> variables) {
    actAs(user);
    try {
      return runtime.startProcessInstanceByKey(processKey, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Completes a task as {@code user} (e.g. an officer deciding an approval). */
  protected void completeAs(String user, String taskId, java.util.Map<String, Object> variables) {
    actAs(user);
    try {
      tasks.complete(taskId, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The officer decides the instance's open task: approved, or rejected with the comment. */
  protected void decide(
      String officer,
      org.camunda.bpm.engine.runtime.ProcessInstance instance,
      boolean approved,
      String comment) {
    java.util.Map<String, Object> decision = new java.util.HashMap<>();
    decision.put("approved", approved);
    if (comment != null) {
      decision.put("comment", comment);
    }
    completeAs(
        officer,
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task(instance).getId(),
        decision);
  }

  /**
   * Overwrites process variables from inside an engine command, as only the engine itself may: the
   * way to show that a step acts on the ledger even if a variable changed behind the approval.
   */
  protected void overwriteAsTheEngine(
      ProcessInstance instance, java.util.Map<String, Object> variables) {
    ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(
            context -> {
              context
                  .getExecutionManager()
                  .findExecutionById(instance.getId())
                  .setVariables(variables);
              return null;
            });
  }

  /**
   * Tries, for every variable of the instance that is not one of {@code decision}'s fields, to
   * complete the open task with the decision plus that variable changed, as {@code officer}; shows
   * each attempt refused (400-type form validation failure naming the variable) with the task still
   * open, the variables as they were and no new decision in the ledger.
   *
   * @return the request fields tried, so a test can check the ones that matter were among them
   */
  protected java.util.Set<String> assertEveryRequestFieldIsRefusedAtCompletion(
      ProcessInstance instance, String officer, java.util.Map<String, Object> decision) {
    String taskId =
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task(instance).getId();
    java.util.Map<String, Object> before = runtime.getVariables(instance.getId());
    long decisionsBefore = decisions(instance);
    java.util.Set<String> tried = new java.util.TreeSet<>();
    for (var field : before.entrySet()) {
      if (decision.containsKey(field.getKey())) {
        continue;
      }
      java.util.Map<String, Object> completion = new java.util.HashMap<>(decision);
      completion.put(field.getKey(), changed(field.getValue()));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> completeAs(officer, taskId, completion))
          .as("completing with '%s' changed", field.getKey())
          .isInstanceOf(
              org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
          .hasMessageContaining("'" + field.getKey() + "'");
      tried.add(field.getKey());
    }
    org.assertj.core.api.Assertions.assertThat(tasks.createTaskQuery().taskId(taskId).count())
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(runtime.getVariables(instance.getId()))
        .isEqualTo(before);
    org.assertj.core.api.Assertions.assertThat(decisions(instance)).isEqualTo(decisionsBefore);
    return tried;
  }

  private long decisions(ProcessInstance instance) {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ledger_entry WHERE process_instance_id = ? AND (action LIKE '%_APPROVED' OR action LIKE '%_REJECTED'"
                + " OR action = 'KEY_STORAGE_ATTESTED')",
            Long.class, instance.getId());
    return count == null ? 0 : count;
  }

  private static Object changed(Object value) {
    if (value instanceof Boolean b) {
      return !b;
    }
    if (value instanceof Integer i) {
      return i + 1;
    }
    if (value instanceof Long l) {
      return l + 1;
    }
    if (value instanceof String text && text.matches("[0-9a-f-]{36}")) {
      return java.util.UUID.randomUUID().toString();
    }
    return value == null ? "changed" : value + "-changed";
  }

  /**
   * As the administrator (who bypasses the engine's authorizations), moves the instance from its
   * approval task straight to the HSM step, skipping listeners and input mappings.
   */
  protected void skipApprovalAsAdministrator(
      ProcessInstance instance, String approvalTask, String hsmTask) {
    actAs("admin");
    try {
      runtime
          .createProcessInstanceModification(instance.getId())
          .cancelAllForActivity(approvalTask)
          .startBeforeActivity(hsmTask)
          .execute(true, true);
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * Runs the HSM step's job and shows that it refused at once: the job failed with no retries left,
   * an incident names the missing approval, and the ledger holds one APPROVAL_BYPASS_DETECTED
   * alert.
   */
  protected void assertHsmStepRefusedAsAnIncidentWithAnAlert(
      ProcessInstance instance, String hsmTask) {
    var management = engine.getManagementService();
    var job =
        management
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId(hsmTask)
            .singleResult();
    org.assertj.core.api.Assertions.assertThat(job).as("the job of " + hsmTask).isNotNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(job.getId()))
        .hasMessageContaining("Nothing was done");
    org.assertj.core.api.Assertions.assertThat(
            management.createJobQuery().jobId(job.getId()).singleResult().getRetries())
        .isZero();
    var incidents = runtime.createIncidentQuery().processInstanceId(instance.getId()).list();
    org.assertj.core.api.Assertions.assertThat(incidents).hasSize(1);
    org.assertj.core.api.Assertions.assertThat(incidents.get(0).getActivityId()).isEqualTo(hsmTask);
    org.assertj.core.api.Assertions.assertThat(incidents.get(0).getIncidentMessage())
        .contains("approval");
    Long alerts =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ledger_entry WHERE process_instance_id = ? AND action = 'APPROVAL_BYPASS_DETECTED'",
            Long.class,
            instance.getId());
    org.assertj.core.api.Assertions.assertThat(alerts).isEqualTo(1);
  }

  protected long ledgerCount(String action, String alias) {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ledger_entry WHERE action = ? AND key_alias = ?",
            Long.class,
            action,
            alias);
    return count == null ? 0 : count;
  }
}
