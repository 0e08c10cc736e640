package io.keyflow.compromise;

import static io.keyflow.compromise.KeyDecryptExceptionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.keyflow.crypto.CryptoService;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.KeyDecryptExceptionOpened;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class KeyDecryptExceptionProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired CryptoService crypto;
  @Autowired ManagementService management;
  @Autowired Ledger ledger;
  ManagedKey key;
  LifecycleFixtures.FakeVault fake;

  @BeforeEach
  void aCompromisedKey() {
    fake = LifecycleFixtures.fakeVault(vault);
    when(vault.decrypt(any(), any(), any())).thenReturn(new byte[] {42});
    key =
        LifecycleFixtures.activeKey(
            keys, fake, LifecycleFixtures.alias("recover"), KeyPurpose.DATA_AT_REST, Instant.now());
    Map<String, Object> report = new HashMap<>();
    report.put(KeyCompromiseProcess.VAR_ALIAS, key.alias());
    report.put(KeyCompromiseProcess.VAR_VERSIONS, "1");
    report.put(KeyCompromiseProcess.VAR_REASON, "Key file leaked");
    start(KeyCompromiseProcess.PROCESS_KEY, "alice", report);
  }

  private ProcessInstance request(String operation, Object version, Object hours) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, key.alias());
    variables.put(VAR_VERSION, version);
    variables.put(VAR_OPERATION, operation);
    variables.put(VAR_HOURS, hours);
    variables.put(VAR_REASON, "Re-encrypt the March archive under the replacement");
    return start(PROCESS_KEY, "alice", variables);
  }

  private byte[] decryptAsApp() {
    return crypto.decrypt(key.alias(), 1, new byte[12], new byte[32], null, "app");
  }

  private String refusalReason(ProcessInstance instance) {
    return (String)
        engine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .variableName(VAR_REFUSAL_REASON)
            .singleResult()
            .getValue();
  }

  @Test
  void aGrantedExceptionLetsTheCompromisedVersionDecryptWithEveryUseInTheLedgerUntilItExpires() {
    Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(requestedAt));
    assertThatThrownBy(this::decryptAsApp)
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("reported compromised");

    ProcessInstance instance = request("decrypt", "1", 4);
    assertThat(instance).isWaitingAt(TASK_APPROVE).variables().containsEntry(VAR_HOURS, 4);
    assertThat(task(instance)).hasCandidateGroup("security-officer");
    assertThatThrownBy(() -> completeAs("alice", task(instance).getId(), Map.of("approved", true)))
        .isInstanceOf(AuthorizationException.class);
    decide("bob", instance, true, null);

    assertThat(instance)
        .isWaitingAt(EVENT_EXPIRED)
        .variables()
        .containsEntry(VAR_EXPIRES_AT, requestedAt.plus(Duration.ofHours(4)).toString());
    assertThat(decryptAsApp()).containsExactly(42);
    assertThat(decryptAsApp()).containsExactly(42);
    assertThat(ledgerCount("KEY_DECRYPT_EXCEPTION_USED", key.alias())).isEqualTo(2);
    assertThatThrownBy(() -> crypto.encrypt(key.alias(), new byte[] {1}, null))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("can no longer encrypt");

    Job timeUp =
        management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timeUp.getDuedate()).isEqualTo(Date.from(requestedAt.plus(Duration.ofHours(4))));
    ClockUtil.setCurrentTime(Date.from(requestedAt.plus(Duration.ofHours(5))));
    assertThatThrownBy(this::decryptAsApp)
        .as("past its time, before the timer ran")
        .isInstanceOf(Refusal.class);
    execute(timeUp);

    assertThat(instance).isEnded().hasPassed(TASK_CLOSE, END_EXPIRED);
    assertThatThrownBy(this::decryptAsApp)
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("reported compromised");
    assertThat(ledgerCount("KEY_DECRYPT_EXCEPTION_USED", key.alias())).isEqualTo(2);
    assertThat(ledgerCount("KEY_DECRYPT_EXCEPTION_EXPIRED", key.alias())).isEqualTo(1);
  }

  @Test
  void theOpenedExceptionCitesTheRequestAndTheApprovalItActsOn() {
    ProcessInstance instance = request("decrypt", "1", 2);
    decide("bob", instance, true, null);

    List<LedgerEntry> entries = ledger.entriesForProcessInstance(instance.getId());
    KeyDecryptExceptionOpened opened =
        only(entries, LedgerAction.KEY_DECRYPT_EXCEPTION_OPENED)
            .details(KeyDecryptExceptionOpened.class);
    assertThat(opened.requestSeq())
        .isEqualTo(only(entries, LedgerAction.KEY_DECRYPT_EXCEPTION_REQUESTED).seq());
    assertThat(opened.approvalSeqs())
        .containsExactly(only(entries, LedgerAction.KEY_DECRYPT_EXCEPTION_APPROVED).seq());
    assertThat(opened.approvedBy()).containsExactly("bob");
  }

  private static LedgerEntry only(List<LedgerEntry> entries, LedgerAction action) {
    List<LedgerEntry> found = entries.stream().filter(e -> e.is(action)).toList();
    assertThat(found).as(action.name()).hasSize(1);
    return found.get(0);
  }

  @Test
  void aRejectedExceptionOpensNothing() {
    ProcessInstance instance = request("decrypt", 1, 2);
    decide("carol", instance, false, "Restore from the pre-leak backup instead");
    assertThat(instance).isEnded().hasPassed(END_REJECTED).hasNotPassed(TASK_OPEN);
    assertThatThrownBy(this::decryptAsApp).isInstanceOf(Refusal.class);
  }

  @Test
  void anExceptionForEncryptOrForAVersionThatIsNotCompromisedOrForTooLongIsRefused() {
    ProcessInstance encrypt = request("encrypt", "1", 2);
    assertThat(encrypt).isEnded().hasPassed(END_REFUSED);
    assertThat(refusalReason(encrypt))
        .contains("can only allow decrypt")
        .contains("never encrypts again");

    ProcessInstance tooLong = request("decrypt", "1", 100);
    assertThat(refusalReason(tooLong)).isEqualTo("hours must be a whole number from 1 to 72");

    ProcessInstance unknownVersion = request("decrypt", "9", 2);
    assertThat(refusalReason(unknownVersion))
        .isEqualTo("Key '" + key.alias() + "' has no version 9");

    ManagedKey healthy =
        LifecycleFixtures.activeKey(
            keys, fake, LifecycleFixtures.alias("fine"), KeyPurpose.DATA_AT_REST, Instant.now());
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, healthy.alias());
    variables.put(VAR_VERSION, "1");
    variables.put(VAR_OPERATION, "decrypt");
    variables.put(VAR_HOURS, "2");
    variables.put(VAR_REASON, "why not");
    ProcessInstance notCompromised = start(PROCESS_KEY, "alice", variables);
    assertThat(refusalReason(notCompromised))
        .contains("is ACTIVE, not COMPROMISED")
        .contains("it decrypts already");
    assertThat(ledgerCount("KEY_DECRYPT_EXCEPTION_REFUSED", key.alias())).isEqualTo(3);
  }
}
