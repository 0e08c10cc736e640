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
 * Process tests: the real application context on an in-memory H2 database with the job executor
 * off (tests execute jobs themselves) and the vault replaced by a Mockito mock, so every path —
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
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    identity.setAuthentication(user, groups);
  }

  protected ProcessInstance start(String processKey, String user, java.util.Map<String, Object> variables) {
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
  protected void decide(String officer, org.camunda.bpm.engine.runtime.ProcessInstance instance, boolean approved, String comment) {
    java.util.Map<String, Object> decision = new java.util.HashMap<>();
    decision.put("approved", approved);
    if (comment != null) {
      decision.put("comment", comment);
    }
    completeAs(officer, org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task(instance).getId(), decision);
  }

  /**
   * Overwrites process variables from inside an engine command, as only the engine itself may: the
   * way to show that a step acts on the ledger even if a variable changed behind the approval.
   */
  protected void overwriteAsTheEngine(ProcessInstance instance, java.util.Map<String, Object> variables) {
    ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(context -> {
          context.getExecutionManager().findExecutionById(instance.getId()).setVariables(variables);
          return null;
        });
  }

  protected long ledgerCount(String action, String alias) {
    Long count = jdbc.queryForObject(
        "SELECT COUNT(*) FROM ledger_entry WHERE action = ? AND key_alias = ?", Long.class, action, alias);
    return count == null ? 0 : count;
  }
}
