package io.keyflow.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.LedgerIntegrityFailed;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.ProcessTestBase;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class LedgerCheckpointScheduleProcessTest extends ProcessTestBase {

  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired Ledger ledger;
  @Autowired TransactionTemplate transactions;

  /** One audit key for the whole class: checkpoints signed by one test are verified by the next. */
  private static final KeyPair AUDIT_KEY = ecKeyPair();

  private static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void auditKeyInTheVault() {
    LifecycleFixtures.fakeVault(vault);
    KeyPair auditKey = AUDIT_KEY;
    when(vault.publicKey(LedgerCheckpoints.AUDIT_SIGNING_KEY_ID)).thenReturn(auditKey.getPublic());
    when(vault.sign(eq(LedgerCheckpoints.AUDIT_SIGNING_KEY_ID), any()))
        .thenAnswer(
            call -> {
              Signature signer = Signature.getInstance("SHA256withECDSA");
              signer.initSign(auditKey.getPrivate());
              signer.update(call.<byte[]>getArgument(1));
              return signer.sign();
            });
  }

  private void append() {
    transactions.executeWithoutResult(
        status ->
            ledger.append(
                LedgerEvent.builder(LedgerAction.KEY_GENERATION_REQUESTED, "alice")
                    .key(null, "schedule")
                    .details(
                        new KeyGenerationRequested("DATA_AT_REST", null, null, null, null, null))
                    .build()));
  }

  /**
   * Fires the timer as the job executor would and returns the run it started, at its save point.
   */
  private ProcessInstance fireTimer() {
    Job timer =
        management
            .createJobQuery()
            .processDefinitionKey(LedgerCheckpointScheduleProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    execute(timer);
    return runtime
        .createProcessInstanceQuery()
        .processDefinitionKey(LedgerCheckpointScheduleProcess.PROCESS_KEY)
        .active()
        .list()
        .stream()
        .filter(run -> management.createJobQuery().processInstanceId(run.getId()).count() > 0)
        .findFirst()
        .orElseThrow();
  }

  private Job job(ProcessInstance run) {
    return management.createJobQuery().processInstanceId(run.getId()).singleResult();
  }

  @Test
  void theTimerSignsTheHeadInTheHsmAndReschedulesItself() {
    append();
    long head = ledger.head().lastSeq();

    ProcessInstance run = fireTimer();
    assertThat(run).isWaitingAt(LedgerCheckpointScheduleProcess.TASK_SIGN_CHECKPOINT);
    execute(job(run));

    assertThat(run).isEnded().hasPassed(LedgerCheckpointScheduleProcess.END_SIGNED);
    Object signed =
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(run.getId())
            .variableName(LedgerCheckpointScheduleProcess.VAR_CHECKPOINT_SEQUENCE)
            .singleResult()
            .getValue();
    assertThat(signed).isEqualTo(head);
    assertThat(
            management
                .createJobQuery()
                .processDefinitionKey(LedgerCheckpointScheduleProcess.PROCESS_KEY)
                .timers()
                .count())
        .as("the next run is scheduled")
        .isEqualTo(1);
  }

  @Test
  void aBrokenChainIsNotSignedAndBecomesAnIncidentWithOneAlert() {
    append();
    long altered = ledger.head().lastSeq();
    String original =
        jdbc.queryForObject("SELECT actor FROM ledger_entry WHERE seq = ?", String.class, altered);
    jdbc.update("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = ?", altered);
    try {
      ProcessInstance run = fireTimer();
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> execute(job(run)))
            .isInstanceOf(LedgerIntegrityFailed.class)
            .hasMessageContaining("entry " + altered);
      }

      assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isEqualTo(1);
      assertThat(run).isWaitingAt(LedgerCheckpointScheduleProcess.TASK_SIGN_CHECKPOINT);
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM ledger_checkpoint WHERE seq >= ?", Long.class, altered))
          .as("nothing signed")
          .isZero();
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM ledger_entry WHERE seq > ? AND action = ?",
                  Long.class,
                  altered,
                  LedgerAction.LEDGER_INTEGRITY_FAILED.name()))
          .as("one alert for three attempts")
          .isEqualTo(1);
    } finally {
      jdbc.update("UPDATE ledger_entry SET actor = ? WHERE seq = ?", original, altered);
    }
  }
}
