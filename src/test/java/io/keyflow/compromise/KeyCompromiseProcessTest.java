package io.keyflow.compromise;

import static io.keyflow.compromise.KeyCompromiseProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.keyflow.crypto.CryptoService;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.LifecycleFixtures.FakeVault;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class KeyCompromiseProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired CryptoService crypto;
  @Autowired ManagementService management;
  @Autowired CompromiseService compromise;
  @Autowired Ledger ledger;
  FakeVault fakeVault;

  @BeforeEach
  void vault() {
    fakeVault = LifecycleFixtures.fakeVault(vault);
  }

  private ManagedKey activeKey() {
    return LifecycleFixtures.activeKey(
        keys, fakeVault, LifecycleFixtures.alias("leak"), KeyPurpose.DATA_AT_REST, Instant.now());
  }

  /** v1 DEACTIVATED, v2 ACTIVE and primary. */
  private ManagedKey rotatedKey() {
    return LifecycleFixtures.rotatedKey(
        keys,
        fakeVault,
        LifecycleFixtures.alias("leak"),
        KeyPurpose.DATA_AT_REST,
        Instant.now(),
        1);
  }

  private ProcessInstance report(String user, String alias, Object versions, String reason) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, alias);
    variables.put(VAR_VERSIONS, versions);
    variables.put(VAR_REASON, reason);
    variables.put(VAR_EVIDENCE, "Key file seen in a public paste, 02:57 UTC");
    return start(PROCESS_KEY, user, variables);
  }

  private KeyVersion version(ManagedKey key, int number) {
    return keys.findVersion(key.id(), number).orElseThrow();
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
  void aReportContainsTheVersionsAtOnceBeforeAnyOfficerDecides() {
    ManagedKey key = activeKey();

    ProcessInstance instance = report("alice", key.alias(), "all", "Key file leaked in a paste");

    assertThat(instance)
        .isWaitingAt(TASK_CONFIRM)
        .hasBusinessKey(key.alias())
        .variables()
        .containsEntry(VAR_REQUESTED_BY, "alice")
        .containsEntry(VAR_CONTAINED_VERSIONS, "1")
        .containsEntry(VAR_ALREADY_COMPROMISED, "none")
        .containsEntry(VAR_RECIPIENTS_HOLDING, "none recorded");
    assertThat(task(instance)).hasCandidateGroup("security-officer");
    KeyVersion v1 = version(key, 1);
    assertThat(v1.state()).isEqualTo(KeyState.COMPROMISED);
    assertThat(v1.compromisedAt()).isNotNull();
    assertThat(ledgerCount("KEY_COMPROMISE_REPORTED", key.alias())).isEqualTo(1);
    assertThat(ledgerCount("KEY_COMPROMISED", key.alias())).isEqualTo(1);
    assertThatThrownBy(() -> crypto.encrypt(key.alias(), new byte[] {1, 2, 3}, null))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.VERSION_NOT_USABLE))
        .hasMessageContaining("Version 1 of key '" + key.alias() + "' was reported compromised on")
        .hasMessageContaining("can no longer encrypt");
    assertThatThrownBy(() -> crypto.decrypt(key.alias(), 1, new byte[12], new byte[32], null))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("reported compromised");
  }

  private Job job(ProcessInstance instance, String activity) {
    return management
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(activity)
        .singleResult();
  }

  private ProcessInstance calledDestruction(ProcessInstance instance) {
    return runtime
        .createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId())
        .singleResult();
  }

  @Test
  void aConfirmationRotatesAtOnceAndDestroysTheCompromisedVersionAfterTheWindowWithTwoApprovals() {
    ManagedKey key = activeKey();
    KeyVersion v1 = version(key, 1);
    ProcessInstance instance = report("alice", key.alias(), "1", "Key file leaked in a paste");
    assertThat(instance).variables().containsEntry(VAR_EMERGENCY_ROTATION, true);

    decide("bob", instance, true, "Confirmed with the paste site's operator");
    assertThat(instance).hasPassed(TASK_NOTIFY_HOLDERS).isWaitingAt(TASK_GENERATE_REPLACEMENT);
    assertThat(ledgerCount("KEY_COMPROMISE_CONFIRMED", key.alias())).isEqualTo(1);

    Instant rotatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ClockUtil.setCurrentTime(Date.from(rotatedAt));
    execute(job(instance, TASK_GENERATE_REPLACEMENT));

    assertThat(instance)
        .hasPassed(TASK_RECORD_ROTATION)
        .isWaitingAt(EVENT_RE_ENCRYPTION_WINDOW)
        .variables()
        .containsEntry(VAR_REPLACEMENT_VERSION, 2)
        .containsEntry(VAR_VERSIONS_TO_DESTROY, "1");
    KeyVersion v2 = version(key, 2);
    assertThat(v2.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(v2.approvedBy()).isEqualTo("bob");
    assertThat(keys.findById(key.id()).orElseThrow().primaryVersionId()).isEqualTo(v2.id());
    assertThat(version(key, 1).state())
        .as("never DEACTIVATED: it must not decrypt")
        .isEqualTo(KeyState.COMPROMISED);
    assertThat(ledgerCount("KEY_ROTATED", key.alias())).isEqualTo(1);
    Job window =
        management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(window.getDuedate()).isEqualTo(Date.from(rotatedAt.plus(Duration.ofDays(30))));

    ClockUtil.setCurrentTime(Date.from(rotatedAt.plus(Duration.ofDays(31))));
    execute(window);
    ProcessInstance destruction = calledDestruction(instance);
    assertThat(destruction)
        .isWaitingAt("Task_FirstApproval")
        .variables()
        .containsEntry("requestedBy", "alice")
        .containsEntry("versionState", "COMPROMISED");
    decide("bob", destruction, true, null);
    decide("carol", destruction, true, null);
    execute(management.createJobQuery().processInstanceId(destruction.getId()).singleResult());

    assertThat(destruction).isEnded();
    assertThat(instance)
        .as("the owner's task did not hold up the destruction")
        .hasPassed(CALL_ACTIVITY_DESTROY, END_RESOLVED)
        .isWaitingAt(TASK_OWNER_ACKNOWLEDGE);
    assertThat(version(key, 1).state()).isEqualTo(KeyState.DESTROYED_COMPROMISED);
    String ownerTask = task(TASK_OWNER_ACKNOWLEDGE, instance).getId();
    assertThat(task(TASK_OWNER_ACKNOWLEDGE, instance))
        .isAssignedTo(key.owner())
        .hasName("Re-encrypt data under " + key.alias() + "'s replacement key");
    assertThatThrownBy(() -> completeAs("dave", ownerTask, Map.of(VAR_ACKNOWLEDGED, true)))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> completeAs("bob", ownerTask, Map.of(VAR_ACKNOWLEDGED, true)))
        .as("an officer is not the owner either")
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> compromise.ownerAcknowledged(instance.getId(), "bob"))
        .as("the listener's own check, should someone be granted work on the task")
        .isInstanceOfSatisfying(
            io.keyflow.approval.ApprovalRefusal.class,
            r -> assertThat(r.kind()).isEqualTo(io.keyflow.approval.ApprovalRefusal.Kind.FORBIDDEN))
        .hasMessageContaining("Only the owner of key '" + key.alias() + "' (" + key.owner() + ")");
    assertThatThrownBy(
            () ->
                completeAs(
                    key.owner(), ownerTask, Map.of(VAR_ACKNOWLEDGED, true, "approved", true)))
        .hasMessageContaining("may carry only its decision fields");
    assertThatThrownBy(() -> completeAs(key.owner(), ownerTask, Map.of(VAR_ACKNOWLEDGED, false)))
        .hasMessageContaining("Tick 'I will re-encrypt the data'");
    assertThat(ledgerCount("KEY_COMPROMISE_OWNER_ACKNOWLEDGED", key.alias())).isZero();
    completeAs(key.owner(), ownerTask, Map.of(VAR_ACKNOWLEDGED, true));
    assertThat(ledgerCount("KEY_COMPROMISE_OWNER_ACKNOWLEDGED", key.alias())).isEqualTo(1);
    assertThat(instance).isEnded().hasPassed(END_OWNER_ACKNOWLEDGED, END_WEBHOOKS_TOLD);
    assertThat(fakeVault.contains(v1.id())).isFalse();
    assertThat(fakeVault.contains(v2.id())).isTrue();
  }

  @Test
  void theEmergencyRotationEntryCitesTheReportAndTheConfirmationItActedOn() {
    ManagedKey key = activeKey();
    ProcessInstance instance = report("alice", key.alias(), "1", "Key file leaked in a paste");
    decide("bob", instance, true, "Confirmed with the paste site's operator");
    execute(job(instance, TASK_GENERATE_REPLACEMENT));

    List<LedgerEntry> entries = ledger.entriesForProcessInstance(instance.getId());
    KeyRotated rotated = only(entries, LedgerAction.KEY_ROTATED).details(KeyRotated.class);
    assertThat(rotated.emergency()).isTrue();
    assertThat(rotated.requestSeq())
        .isEqualTo(only(entries, LedgerAction.KEY_COMPROMISE_REPORTED).seq());
    assertThat(rotated.approvalSeqs())
        .containsExactly(only(entries, LedgerAction.KEY_COMPROMISE_CONFIRMED).seq());
  }

  private static LedgerEntry only(List<LedgerEntry> entries, LedgerAction action) {
    List<LedgerEntry> found = entries.stream().filter(e -> e.is(action)).toList();
    assertThat(found).as(action.name()).hasSize(1);
    return found.get(0);
  }

  @Test
  void aCompromisedOldVersionIsDestroyedAfterTheWindowWithoutARotation() {
    ManagedKey key = rotatedKey();
    ProcessInstance instance = report("alice", key.alias(), "1", "Old backup tape missing");
    assertThat(instance).variables().containsEntry(VAR_EMERGENCY_ROTATION, false);

    decide("bob", instance, true, "Tape not found");

    assertThat(instance)
        .hasPassed(TASK_NOTIFY_HOLDERS)
        .hasNotPassed(TASK_GENERATE_REPLACEMENT)
        .isWaitingAt(EVENT_RE_ENCRYPTION_WINDOW);
    assertThat(version(key, 2).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(keys.versions(key.id())).hasSize(2);
  }

  @Test
  void movingTheInstancePastTheConfirmationGeneratesNothingAndRaisesAnIncident() {
    ManagedKey key = activeKey();
    ProcessInstance instance = report("alice", key.alias(), "all", "Key file leaked in a paste");

    skipApprovalAsAdministrator(instance, TASK_CONFIRM, TASK_GENERATE_REPLACEMENT);

    assertHsmStepRefusedAsAnIncidentWithAnAlert(instance, TASK_GENERATE_REPLACEMENT);
    org.mockito.Mockito.verify(vault, org.mockito.Mockito.never())
        .generate(org.mockito.ArgumentMatchers.any());
    assertThat(version(key, 1).state()).isEqualTo(KeyState.COMPROMISED);
  }

  @Test
  void anHsmOutageDuringTheEmergencyRotationRetriesAndNeverLosesTheContainment() {
    ManagedKey key = activeKey();
    ProcessInstance instance = report("alice", key.alias(), "all", "Key file leaked in a paste");
    decide("bob", instance, true, "Confirmed");
    org.mockito.Mockito.doThrow(
            new io.keyflow.hsm.KeyVaultException.Unavailable("HSM unreachable", null))
        .when(vault)
        .generate(org.mockito.ArgumentMatchers.any());

    assertThatThrownBy(() -> execute(job(instance, TASK_GENERATE_REPLACEMENT)))
        .hasMessageContaining("HSM unreachable");

    Job retrying = job(instance, TASK_GENERATE_REPLACEMENT);
    assertThat(retrying.getRetries()).isGreaterThan(0);
    assertThat(version(key, 1).state()).isEqualTo(KeyState.COMPROMISED);
    org.mockito.Mockito.reset(vault);
    fakeVault = LifecycleFixtures.fakeVault(vault);
    fakeVault.holds(version(key, 1).id());
    execute(retrying);
    assertThat(version(key, 2).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(fakeVault.generatedCount()).isEqualTo(1);
  }

  @Test
  void theReporterCannotDecideTheirOwnReportEvenAsAnOfficer() {
    ManagedKey key = activeKey();
    ProcessInstance instance =
        report("bob", key.alias(), "all", "Suspicious decrypt volume from an unknown host");
    String taskId = task(instance).getId();

    assertThatThrownBy(() -> completeAs("bob", taskId, Map.of("approved", true, "comment", "mine")))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule");
    assertThat(instance).isWaitingAt(TASK_CONFIRM);
    assertThat(ledgerCount("KEY_COMPROMISE_CONFIRMED", key.alias())).isZero();

    decide("carol", instance, true, "Confirmed");
    assertThat(instance).isWaitingAt(TASK_GENERATE_REPLACEMENT);
  }

  @Test
  void aDismissalNeedsACommentAndGivesEveryVersionItsPreviousStateBack() {
    ManagedKey key = rotatedKey();
    KeyVersion v1Before = version(key, 1);
    ProcessInstance instance =
        report("alice", key.alias(), "1,2", "Laptop with a config export stolen");
    assertThat(version(key, 1).state()).isEqualTo(KeyState.COMPROMISED);
    assertThat(version(key, 2).state()).isEqualTo(KeyState.COMPROMISED);

    assertThatThrownBy(() -> decide("bob", instance, false, null)).hasMessageContaining("comment");
    decide("bob", instance, false, "The export was encrypted; no key material on the laptop");

    assertThat(instance)
        .isEnded()
        .hasPassed(TASK_DISMISS, END_DISMISSED)
        .variables()
        .containsEntry(VAR_RESTORED_VERSIONS, "1,2");
    KeyVersion v1 = version(key, 1);
    assertThat(v1.state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(v1.retainUntil()).isEqualTo(v1Before.retainUntil());
    assertThat(v1.compromisedAt()).isNull();
    assertThat(version(key, 2).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(ledgerCount("KEY_COMPROMISE_DISMISSED", key.alias())).isEqualTo(1);
    assertThat(ledgerCount("KEY_COMPROMISE_CONTAINMENT_LIFTED", key.alias())).isEqualTo(1);
    org.mockito.Mockito.when(
            vault.encrypt(
                org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any()))
        .thenReturn(new io.keyflow.hsm.GcmCiphertext(new byte[12], new byte[17]));
    assertThat(crypto.encrypt(key.alias(), new byte[] {1}, null).version())
        .as("encrypts again with v2")
        .isEqualTo(2);
  }

  @Test
  void aDismissalAfterTheKeyWasRotatedMeanwhileLeavesTheVersionsCompromised() {
    ManagedKey key = rotatedKey();
    ProcessInstance instance = report("alice", key.alias(), "1", "Old backup tape missing");
    KeyVersion v2 = version(key, 2);
    UUID v3 = UUID.randomUUID();
    fakeVault.holds(v3);
    keys.insert(
        KeyVersion.activated(
            v3,
            key.id(),
            3,
            "mock",
            "keyflow/" + key.alias() + "/v3",
            "a1b2c9",
            LifecycleFixtures.provenance(),
            Instant.now(),
            Duration.ofDays(365),
            "alice",
            "bob",
            null));
    keys.updateState(v2.deactivate(Instant.now(), Duration.ofDays(1095)));
    keys.setPrimaryVersion(key.id(), v3);

    decide("bob", instance, false, "The tape was found in the safe");

    assertThat(instance)
        .isEnded()
        .hasPassed(END_DISMISSED)
        .variables()
        .containsEntry(VAR_RESTORED_VERSIONS, "none");
    assertThat(version(key, 1).state()).isEqualTo(KeyState.COMPROMISED);
    String lifted =
        jdbc.queryForObject(
            "SELECT details FROM ledger_entry WHERE action = 'KEY_COMPROMISE_CONTAINMENT_LIFTED' AND key_alias = ?",
            String.class,
            key.alias());
    assertThat(lifted).contains("was rotated after the report");
  }

  @Test
  void aReportLeftUnconfirmedIsEscalatedAndStaysContainedAndOpen() {
    ManagedKey key = activeKey();
    Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(reportedAt));
    ProcessInstance instance =
        report("alice", key.alias(), "all", "HSM audit log shows an unknown export");
    assertThat(task(instance).getDueDate())
        .isEqualTo(Date.from(reportedAt.plus(Duration.ofHours(4))));
    Job timer =
        management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(Date.from(reportedAt.plus(Duration.ofHours(4))));

    ClockUtil.setCurrentTime(Date.from(reportedAt.plus(Duration.ofHours(5))));
    execute(timer);

    assertThat(instance).hasPassed(TASK_ESCALATE, END_ESCALATED).isWaitingAt(TASK_CONFIRM);
    assertThat(instance).variables().containsEntry(VAR_ESCALATED, true);
    assertThat(task(instance).getPriority()).isEqualTo(ESCALATED_PRIORITY);
    assertThat(version(key, 1).state()).isEqualTo(KeyState.COMPROMISED);

    decide("bob", instance, true, "Confirmed");
    assertThat(instance).hasPassed(TASK_NOTIFY_HOLDERS).isWaitingAt(TASK_GENERATE_REPLACEMENT);
  }

  @Test
  void aSecondReportOfAnAlreadyCompromisedVersionContainsNothingAgain() {
    ManagedKey key = activeKey();
    report("alice", key.alias(), "all", "Key file leaked in a paste");
    KeyVersion first = version(key, 1);

    ProcessInstance again = report("alice", key.alias(), "1", "Same paste, reported again");

    assertThat(again).isEnded().hasPassed(END_REFUSED).hasNotPassed(TASK_CONFIRM);
    assertThat(refusalReason(again))
        .contains("COMPROMISED already")
        .contains("nothing was done again");
    assertThat(version(key, 1).compromisedAt()).isEqualTo(first.compromisedAt());
    assertThat(ledgerCount("KEY_COMPROMISED", key.alias())).isEqualTo(1);
    assertThat(ledgerCount("KEY_COMPROMISE_REFUSED", key.alias())).isEqualTo(1);
  }

  @Test
  void aReportNamingNewAndAlreadyCompromisedVersionsContainsOnlyTheNewOnes() {
    ManagedKey key = rotatedKey();
    report("alice", key.alias(), "1", "Old backup tape missing");

    ProcessInstance wider =
        report("alice", key.alias(), "all", "The current key was on the tape too");

    assertThat(wider)
        .isWaitingAt(TASK_CONFIRM)
        .variables()
        .containsEntry(VAR_CONTAINED_VERSIONS, "2")
        .containsEntry(VAR_ALREADY_COMPROMISED, "1");
    assertThat(version(key, 2).state()).isEqualTo(KeyState.COMPROMISED);
    assertThat(ledgerCount("KEY_COMPROMISED", key.alias())).isEqualTo(2);
  }

  @Test
  void aReportNamingARecipientGoesToTheHeldKeyReportAndAnUnknownOneIsRefused() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_RECIPIENT, "no-such-recipient");
    variables.put(VAR_REASON, "Recipient host taken over");
    ProcessInstance instance = start(PROCESS_KEY, "alice", variables);
    assertThat(instance)
        .isEnded()
        .hasPassed(TASK_REPORT_HELD_KEYS, BOUNDARY_RECIPIENT_REPORT_REFUSED, END_REFUSED)
        .hasNotPassed(TASK_CONTAIN);
    assertThat(historicVariable(instance, VAR_RECIPIENT_REPORTED)).isEqualTo(true);
  }

  @Test
  void aReportNamingAKeyIsContainedWhateverFlagItWasStartedWith() {
    ManagedKey key = activeKey();
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, key.alias());
    variables.put(VAR_VERSIONS, "all");
    variables.put(VAR_REASON, "Key file leaked in a paste");
    variables.put(VAR_RECIPIENT, "");
    ProcessInstance instance = start(PROCESS_KEY, "alice", variables);
    assertThat(instance).hasPassed(TASK_CONTAIN).hasNotPassed(TASK_REPORT_HELD_KEYS);
    assertThat(historicVariable(instance, VAR_RECIPIENT_REPORTED)).isEqualTo(false);
  }

  private Object historicVariable(ProcessInstance instance, String name) {
    return engine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId())
        .variableName(name)
        .singleResult()
        .getValue();
  }

  @Test
  void unknownKeysAndVersionsDestroyedVersionsAndEmptyReasonsAreRefusedAndChangeNothing() {
    ManagedKey key = rotatedKey();
    keys.updateState(version(key, 1).destroy(Instant.now().plus(Duration.ofDays(4000))));

    ProcessInstance unknown = report("alice", "no-such-key", "all", "Leaked");
    assertThat(unknown).isEnded().hasPassed(END_REFUSED);
    assertThat(refusalReason(unknown)).isEqualTo("No key with alias 'no-such-key'");

    ProcessInstance noVersion = report("alice", key.alias(), "7", "Leaked");
    assertThat(refusalReason(noVersion)).isEqualTo("Key '" + key.alias() + "' has no version 7");

    ProcessInstance destroyed = report("alice", key.alias(), "1", "Leaked");
    assertThat(refusalReason(destroyed)).contains("is DESTROYED").contains("nothing to contain");

    ProcessInstance noReason = report("alice", key.alias(), "2", "  ");
    assertThat(refusalReason(noReason)).isEqualTo("A reason is required: say why");

    ProcessInstance badVersions = report("alice", key.alias(), "two", "Leaked");
    assertThat(refusalReason(badVersions)).contains("versions must be 'all' or version numbers");

    assertThat(version(key, 2).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(ledgerCount("KEY_COMPROMISED", key.alias())).isZero();
    assertThat(ledgerCount("KEY_COMPROMISE_REFUSED", key.alias())).isEqualTo(4);
  }

  @Test
  void anAuditorMayReportButNotDecide() {
    ManagedKey key = activeKey();
    ProcessInstance instance =
        report("dave", key.alias(), "all", "Key id found in a vendor's support ticket");
    assertThat(instance)
        .isWaitingAt(TASK_CONFIRM)
        .variables()
        .containsEntry(VAR_REQUESTED_BY, "dave");

    assertThatThrownBy(
            () ->
                completeAs(
                    "dave", task(instance).getId(), Map.of("approved", false, "comment", "no")))
        .isInstanceOf(AuthorizationException.class);
    assertThat(instance).isWaitingAt(TASK_CONFIRM);
  }
}
