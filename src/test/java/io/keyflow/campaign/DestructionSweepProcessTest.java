package io.keyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.LifecycleFixtures.FakeVault;
import io.keyflow.lifecycle.ProcessTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DestructionSweepProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  FakeVault fakeVault;
  Instant rotatedAt;

  @BeforeEach
  void vault() {
    fakeVault = LifecycleFixtures.fakeVault(vault);
    rotatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Rotated at {@code rotatedAt}: v1 DEACTIVATED until rotatedAt + 30 days, v2 ACTIVE. */
  private ManagedKey rotatedKey() {
    return LifecycleFixtures.rotatedKey(
        keys,
        fakeVault,
        LifecycleFixtures.alias("dsweep"),
        KeyPurpose.DATA_IN_TRANSIT,
        rotatedAt,
        1);
  }

  private void clockAt(Duration sinceRotation) {
    ClockUtil.setCurrentTime(Date.from(rotatedAt.plus(sinceRotation)));
  }

  private HistoricProcessInstance runSweep() {
    Job timer =
        management
            .createJobQuery()
            .processDefinitionKey(DestructionSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    var before =
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(DestructionSweepProcess.PROCESS_KEY)
            .list()
            .stream()
            .map(HistoricProcessInstance::getId)
            .toList();
    execute(timer);
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(DestructionSweepProcess.PROCESS_KEY)
        .list()
        .stream()
        .filter(sweep -> !before.contains(sweep.getId()))
        .findFirst()
        .orElseThrow();
  }

  private String sweepVariable(HistoricProcessInstance sweep, String name) {
    return (String)
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(sweep.getId())
            .variableName(name)
            .singleResult()
            .getValue();
  }

  private List<ProcessInstance> destructionsOf(ManagedKey key) {
    return runtime
        .createProcessInstanceQuery()
        .processDefinitionKey(KeyDestructionProcess.PROCESS_KEY)
        .processInstanceBusinessKey(key.alias())
        .list();
  }

  @Test
  void theSweepIsADailyTimer() {
    Job timer =
        management
            .createJobQuery()
            .processDefinitionKey(DestructionSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    assertThat(Duration.between(Instant.now(), timer.getDuedate().toInstant()))
        .isLessThanOrEqualTo(Duration.ofDays(1));
    execute(timer);
    Job next =
        management
            .createJobQuery()
            .processDefinitionKey(DestructionSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    assertThat(Duration.between(Instant.now(), next.getDuedate().toInstant()))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
  }

  @Test
  void aVersionStillWithinItsRetentionIsLeftAlone() {
    ManagedKey key = rotatedKey();
    clockAt(Duration.ofDays(29));

    HistoricProcessInstance sweep = runSweep();

    assertThat(destructionsOf(key)).isEmpty();
    assertThat(sweepVariable(sweep, DestructionSweepProcess.VAR_DESTRUCTIONS_STARTED))
        .doesNotContain(key.alias());
  }

  @Test
  void aVersionPastItsRetentionGetsADestructionThatTwoOfficersApprove() {
    ManagedKey key = rotatedKey();
    clockAt(Duration.ofDays(31));

    HistoricProcessInstance sweep = runSweep();

    List<ProcessInstance> destructions = destructionsOf(key);
    assertThat(destructions).hasSize(1);
    ProcessInstance destruction = destructions.get(0);
    assertThat(destruction)
        .isWaitingAt(KeyDestructionProcess.TASK_FIRST_APPROVAL)
        .variables()
        .containsEntry(
            KeyDestructionProcess.VAR_REQUESTED_BY, KeyDestructionProcess.SWEEP_PRINCIPAL)
        .containsEntry(KeyDestructionProcess.VAR_VERSION_NUMBER, 1);
    assertThat((String) runtime.getVariable(destruction.getId(), KeyDestructionProcess.VAR_REASON))
        .startsWith("Scheduled destruction: the retention of version 1 ended at");
    assertThat(sweepVariable(sweep, DestructionSweepProcess.VAR_DESTRUCTIONS_STARTED))
        .contains(key.alias() + "/v1");

    completeAs("bob", task(destruction).getId(), Map.of("approved", true));
    completeAs("carol", task(destruction).getId(), Map.of("approved", true));
    execute(management.createJobQuery().processInstanceId(destruction.getId()).singleResult());

    assertThat(destruction).isEnded().hasPassed(KeyDestructionProcess.END_DESTROYED);
    assertThat(keys.findVersion(key.id(), 1).orElseThrow().state()).isEqualTo(KeyState.DESTROYED);
    assertThat(keys.findVersion(key.id(), 2).orElseThrow().state()).isEqualTo(KeyState.ACTIVE);
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM ledger_entry WHERE action = 'KEY_DESTROYED' AND key_alias = ?",
                String.class,
                key.alias()))
        .isEqualTo(KeyDestructionProcess.SWEEP_PRINCIPAL);
  }

  @Test
  void theSweepNeverStartsASecondDestructionOfAVersion() {
    ManagedKey key = rotatedKey();
    clockAt(Duration.ofDays(31));
    runSweep();
    clockAt(Duration.ofDays(32));

    HistoricProcessInstance second = runSweep();

    assertThat(destructionsOf(key)).hasSize(1);
    assertThat(sweepVariable(second, DestructionSweepProcess.VAR_DESTRUCTIONS_SKIPPED))
        .contains(key.alias() + "/v1");
    assertThat(ledgerCount("KEY_DESTRUCTION_REQUESTED", key.alias())).isEqualTo(1);
  }

  @Test
  void aDestroyedVersionIsNeverSweptAgain() {
    ManagedKey key = rotatedKey();
    clockAt(Duration.ofDays(31));
    runSweep();
    ProcessInstance destruction = destructionsOf(key).get(0);
    completeAs("bob", task(destruction).getId(), Map.of("approved", true));
    completeAs("carol", task(destruction).getId(), Map.of("approved", true));
    execute(management.createJobQuery().processInstanceId(destruction.getId()).singleResult());

    clockAt(Duration.ofDays(40));
    HistoricProcessInstance later = runSweep();

    assertThat(destructionsOf(key)).isEmpty();
    assertThat(sweepVariable(later, DestructionSweepProcess.VAR_DESTRUCTIONS_STARTED))
        .doesNotContain(key.alias());
  }
}
