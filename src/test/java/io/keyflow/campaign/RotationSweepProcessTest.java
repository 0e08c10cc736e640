package io.keyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.LifecycleFixtures.FakeVault;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.rotation.KeyRotationProcess;
import java.time.Duration;
import java.time.Instant;
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

class RotationSweepProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  FakeVault fakeVault;
  Instant created;

  @BeforeEach
  void vaultAndClock() {
    fakeVault = LifecycleFixtures.fakeVault(vault);
    created = Instant.now();
  }

  private ManagedKey keyCreatedNow() {
    return LifecycleFixtures.activeKey(
        keys, fakeVault, LifecycleFixtures.alias("sweep"), KeyPurpose.DATA_AT_REST, created);
  }

  private void clockAt(Duration sinceCreation) {
    ClockUtil.setCurrentTime(Date.from(created.plus(sinceCreation)));
  }

  /** Fires the daily timer as the job executor would: the sweep's one timer job, due or not. */
  private HistoricProcessInstance runSweep() {
    Job timer =
        management
            .createJobQuery()
            .processDefinitionKey(RotationSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    var before =
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(RotationSweepProcess.PROCESS_KEY)
            .list()
            .stream()
            .map(HistoricProcessInstance::getId)
            .toList();
    execute(timer);
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(RotationSweepProcess.PROCESS_KEY)
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

  private List<ProcessInstance> rotationsOf(ManagedKey key) {
    return runtime
        .createProcessInstanceQuery()
        .processDefinitionKey(KeyRotationProcess.PROCESS_KEY)
        .processInstanceBusinessKey(key.alias())
        .list();
  }

  @Test
  void theSweepIsADailyTimerThatReschedulesItself() {
    Job timer =
        management
            .createJobQuery()
            .processDefinitionKey(RotationSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    assertThat(timer).isNotNull();
    execute(timer);
    Job next =
        management
            .createJobQuery()
            .processDefinitionKey(RotationSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    assertThat(next.getId()).isNotEqualTo(timer.getId());
    assertThat(Duration.between(Instant.now(), next.getDuedate().toInstant()))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
  }

  @Test
  void aKeyWhoseProtectStopIsBeyondTheLeadTimeIsLeftAlone() {
    ManagedKey key = keyCreatedNow();
    clockAt(Duration.ofDays(334));

    HistoricProcessInstance sweep = runSweep();

    assertThat(rotationsOf(key)).isEmpty();
    assertThat(sweepVariable(sweep, RotationSweepProcess.VAR_ROTATIONS_STARTED))
        .doesNotContain(key.alias());
  }

  @Test
  void aKeyWithinTheLeadTimeGetsARotationThatAnyOfficerMayApprove() {
    ManagedKey key = keyCreatedNow();
    clockAt(Duration.ofDays(336));

    HistoricProcessInstance sweep = runSweep();

    List<ProcessInstance> rotations = rotationsOf(key);
    assertThat(rotations).hasSize(1);
    ProcessInstance rotation = rotations.get(0);
    assertThat(rotation)
        .isWaitingAt(KeyRotationProcess.TASK_APPROVE)
        .variables()
        .containsEntry(KeyRotationProcess.VAR_REQUESTED_BY, KeyRotationProcess.SWEEP_PRINCIPAL)
        .containsEntry(KeyRotationProcess.VAR_CURRENT_VERSION_AGE_DAYS, 336L);
    assertThat((String) runtime.getVariable(rotation.getId(), KeyRotationProcess.VAR_REASON))
        .startsWith("Scheduled rotation: version 1 stops encrypting at")
        .endsWith("within the rotation lead time of 30 days");
    assertThat(sweepVariable(sweep, RotationSweepProcess.VAR_ROTATIONS_STARTED))
        .contains(key.alias());
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM ledger_entry WHERE action = 'KEY_ROTATION_REQUESTED' AND key_alias = ?",
                String.class,
                key.alias()))
        .isEqualTo(KeyRotationProcess.SWEEP_PRINCIPAL);

    completeAs("carol", task(rotation).getId(), Map.of("approved", true));
    execute(management.createJobQuery().processInstanceId(rotation.getId()).singleResult());
    assertThat(rotation).isEnded().hasPassed(KeyRotationProcess.END_ROTATED);
    assertThat(keys.findVersion(key.id(), 1).orElseThrow().state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(keys.findVersion(key.id(), 2).orElseThrow().requestedBy())
        .isEqualTo(KeyRotationProcess.SWEEP_PRINCIPAL);
  }

  @Test
  void theSweepNeverStartsASecondRotationOfAKey() {
    ManagedKey key = keyCreatedNow();
    clockAt(Duration.ofDays(340));
    runSweep();
    clockAt(Duration.ofDays(341));

    HistoricProcessInstance second = runSweep();

    assertThat(rotationsOf(key)).hasSize(1);
    assertThat(sweepVariable(second, RotationSweepProcess.VAR_ROTATIONS_SKIPPED))
        .contains(key.alias());
    assertThat(ledgerCount("KEY_ROTATION_REQUESTED", key.alias())).isEqualTo(1);
    assertThat(ledgerCount("KEY_ROTATION_REFUSED", key.alias())).isZero();
  }

  @Test
  void anOverdueKeyIsListedAndRotatedByTheNextSweep() {
    ManagedKey key = keyCreatedNow();
    clockAt(Duration.ofDays(364));
    assertThat(keys.keysWithPrimaryProtectStopBy(ClockUtil.now().toInstant()))
        .extracting(ManagedKey::alias)
        .doesNotContain(key.alias());

    clockAt(Duration.ofDays(400));
    assertThat(keys.keysWithPrimaryProtectStopBy(ClockUtil.now().toInstant()))
        .extracting(ManagedKey::alias)
        .contains(key.alias());

    runSweep();
    assertThat(rotationsOf(key)).hasSize(1);
    assertThat(rotationsOf(key).get(0))
        .variables()
        .containsEntry(KeyRotationProcess.VAR_CURRENT_VERSION_AGE_DAYS, 400L);
  }

  @Test
  void aSweepTriggeredByAnAdministratorStillRequestsAsTheSweep() {
    ManagedKey key = keyCreatedNow();
    clockAt(Duration.ofDays(350));
    Job timer =
        management
            .createJobQuery()
            .processDefinitionKey(RotationSweepProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    actAs("admin");
    try {
      management.executeJob(timer.getId());
    } finally {
      identity.clearAuthentication();
    }
    assertThat(rotationsOf(key).get(0))
        .variables()
        .containsEntry(KeyRotationProcess.VAR_REQUESTED_BY, KeyRotationProcess.SWEEP_PRINCIPAL);
  }

  @Test
  void aRotationAfterThePrimaryWasRotatedByHandIsNotDue() {
    ManagedKey key = keyCreatedNow();
    clockAt(Duration.ofDays(300));
    ProcessInstance byHand =
        start(
            KeyRotationProcess.PROCESS_KEY,
            "alice",
            Map.of("alias", key.alias(), "reason", "early"));
    completeAs("bob", task(byHand).getId(), Map.of("approved", true));
    execute(management.createJobQuery().processInstanceId(byHand.getId()).singleResult());

    clockAt(Duration.ofDays(350));
    runSweep();

    assertThat(rotationsOf(key)).isEmpty();
  }
}
