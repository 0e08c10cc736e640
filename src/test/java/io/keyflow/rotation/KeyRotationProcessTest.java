package io.keyflow.rotation;

import static io.keyflow.rotation.KeyRotationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVaultException;
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
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class KeyRotationProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired ManagementService management;
  @Autowired Ledger ledger;
  FakeVault fakeVault;

  @BeforeEach
  void vault() {
    fakeVault = LifecycleFixtures.fakeVault(vault);
  }

  private ManagedKey activeKey(KeyPurpose purpose) {
    return LifecycleFixtures.activeKey(
        keys, fakeVault, LifecycleFixtures.alias("rot"), purpose, Instant.now());
  }

  private ProcessInstance requestRotation(String user, String alias, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(more);
    variables.put(VAR_ALIAS, alias);
    variables.putIfAbsent(VAR_REASON, "Annual rotation");
    return start(PROCESS_KEY, user, variables);
  }

  private ProcessInstance requestRotation(String alias) {
    return requestRotation("alice", alias, Map.of());
  }

  private void approve(String officer, ProcessInstance instance) {
    completeAs(officer, task(instance).getId(), Map.of("approved", true));
  }

  private Job generateJob(ProcessInstance instance) {
    return management
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(TASK_GENERATE)
        .singleResult();
  }

  private KeyVersion version(ManagedKey key, int number) {
    return keys.findVersion(key.id(), number).orElseThrow();
  }

  private Object historicVariable(ProcessInstance instance, String name) {
    var historic =
        engine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .variableName(name)
            .singleResult();
    return historic == null ? null : historic.getValue();
  }

  private JsonNode ledgerDetails(String action, String alias) throws Exception {
    String details =
        jdbc.queryForObject(
            "SELECT details FROM ledger_entry WHERE action = ? AND key_alias = ?",
            String.class,
            action,
            alias);
    return new ObjectMapper().readTree(details);
  }

  @Test
  void approvedRotationMakesANewPrimaryVersionAndDeactivatesTheOldOneForItsRetention()
      throws Exception {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    KeyVersion v1 = version(key, 1);
    ClockUtil.setCurrentTime(Date.from(v1.activatedAt().plus(Duration.ofDays(200))));

    ProcessInstance instance = requestRotation(key.alias());

    assertThat(instance).isWaitingAt(TASK_APPROVE).hasBusinessKey(key.alias());
    assertThat(task(instance)).hasCandidateGroup("security-officer");
    assertThat(instance)
        .variables()
        .containsEntry(VAR_REQUESTED_BY, "alice")
        .containsEntry(VAR_CURRENT_VERSION, 1)
        .containsEntry(VAR_CURRENT_VERSION_AGE_DAYS, 200L)
        .containsEntry(VAR_CURRENT_PROTECT_STOP, v1.protectStopAt().toString())
        .containsEntry(VAR_NEW_VERSION, 2)
        .containsEntry(VAR_RECIPIENTS_HOLDING, "none recorded");
    assertThat(keys.versions(key.id())).hasSize(1);

    approve("bob", instance);
    assertThat(instance).isWaitingAt(TASK_GENERATE);
    Instant rotatedAt = Instant.now().plus(Duration.ofDays(201)).truncatedTo(ChronoUnit.MILLIS);
    ClockUtil.setCurrentTime(Date.from(rotatedAt));
    execute(generateJob(instance));

    assertThat(instance).isEnded().hasPassed(TASK_RECORD, END_ROTATED);
    KeyVersion old = version(key, 1);
    KeyVersion created = version(key, 2);
    assertThat(keys.findById(key.id()).orElseThrow().primaryVersionId()).isEqualTo(created.id());
    assertThat(created.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(created.activatedAt()).isEqualTo(rotatedAt);
    assertThat(created.protectStopAt()).isEqualTo(rotatedAt.plus(Duration.ofDays(365)));
    assertThat(created.hsmLabel()).isEqualTo("keyflow/" + key.alias() + "/v2");
    assertThat(created.requestedBy()).isEqualTo("alice");
    assertThat(created.approvedBy()).isEqualTo("bob");
    assertThat(created.processInstanceId()).isEqualTo(instance.getId());
    assertThat(old.state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(old.deactivatedAt()).isEqualTo(rotatedAt);
    assertThat(old.retainUntil()).isEqualTo(rotatedAt.plus(Duration.ofDays(3 * 365)));
    assertThat(old.kcv()).isEqualTo(v1.kcv());
    verify(vault)
        .generate(
            new KeySpec(
                created.id(),
                "keyflow/" + key.alias() + "/v2",
                KeyAlgorithm.AES_256,
                true,
                KeyRole.DATA_ENCRYPTION));

    assertThat(ledgerCount("KEY_ROTATION_REQUESTED", key.alias())).isEqualTo(1);
    assertThat(ledgerCount("KEY_ROTATION_APPROVED", key.alias())).isEqualTo(1);
    assertThat(ledgerCount("KEY_ROTATED", key.alias())).isEqualTo(1);
    JsonNode rotated = ledgerDetails("KEY_ROTATED", key.alias());
    assertThat(rotated.get("oldVersionId").asText()).isEqualTo(v1.id().toString());
    assertThat(rotated.get("oldVersion").asInt()).isEqualTo(1);
    assertThat(rotated.get("newVersionId").asText()).isEqualTo(created.id().toString());
    assertThat(rotated.get("newVersion").asInt()).isEqualTo(2);
    assertThat(rotated.get("oldRetainUntil").asText()).isEqualTo(old.retainUntil().toString());
    assertThat(rotated.get("approvedBy").get(0).asText()).isEqualTo("bob");
    assertThat(historicVariable(instance, VAR_RECIPIENTS_TO_REDISTRIBUTE)).isEqualTo("");
  }

  @Test
  void theRotatedEntryCitesTheRequestAndTheApprovalItActedOn() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());
    approve("bob", instance);
    execute(generateJob(instance));

    List<LedgerEntry> entries = ledger.entriesForProcessInstance(instance.getId());
    KeyRotated rotated = only(entries, LedgerAction.KEY_ROTATED).details(KeyRotated.class);
    assertThat(rotated.requestSeq())
        .isEqualTo(only(entries, LedgerAction.KEY_ROTATION_REQUESTED).seq());
    assertThat(rotated.approvalSeqs())
        .containsExactly(only(entries, LedgerAction.KEY_ROTATION_APPROVED).seq());
    assertThat(rotated.byCampaign()).isFalse();
  }

  private static LedgerEntry only(List<LedgerEntry> entries, LedgerAction action) {
    List<LedgerEntry> found = entries.stream().filter(e -> e.is(action)).toList();
    assertThat(found).as(action.name()).hasSize(1);
    return found.get(0);
  }

  @Test
  void aRotatedKeyCanBeRotatedAgain() {
    ManagedKey key = activeKey(KeyPurpose.DATA_IN_TRANSIT);
    for (int expected = 2; expected <= 3; expected++) {
      ProcessInstance instance = requestRotation(key.alias());
      approve("carol", instance);
      execute(generateJob(instance));
      assertThat(instance).isEnded().hasPassed(END_ROTATED);
      assertThat(version(key, expected).state()).isEqualTo(KeyState.ACTIVE);
      assertThat(version(key, expected - 1).state()).isEqualTo(KeyState.DEACTIVATED);
    }
    assertThat(version(key, 2).retainUntil())
        .isEqualTo(version(key, 2).deactivatedAt().plus(Duration.ofDays(30)));
    assertThat(keys.findById(key.id()).orElseThrow().primaryVersionId())
        .isEqualTo(version(key, 3).id());
  }

  @Test
  void aShorterEncryptPeriodAndRetentionThanThePolicyAreHonoured() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance =
        requestRotation(
            "alice", key.alias(), Map.of(VAR_ENCRYPT_PERIOD_DAYS, 90, VAR_RETENTION_DAYS, "30"));
    assertThat(instance)
        .variables()
        .containsEntry(VAR_ENCRYPT_PERIOD_DAYS, 90L)
        .containsEntry(VAR_RETENTION_DAYS, 30L);
    approve("bob", instance);
    execute(generateJob(instance));

    KeyVersion created = version(key, 2);
    KeyVersion old = version(key, 1);
    assertThat(created.protectStopAt()).isEqualTo(created.activatedAt().plus(Duration.ofDays(90)));
    assertThat(old.retainUntil()).isEqualTo(old.deactivatedAt().plus(Duration.ofDays(30)));
  }

  @Test
  void rotationOfAnUnknownKeyIsRefusedBeforeApproval() {
    ProcessInstance instance = requestRotation("no-such-key");
    assertThat(instance).isEnded().hasPassed(END_REFUSED).hasNotPassed(TASK_APPROVE);
    assertThat((String) historicVariable(instance, VAR_REFUSAL_REASON))
        .isEqualTo("No key with alias 'no-such-key'");
    assertThat(ledgerCount("KEY_ROTATION_REFUSED", "no-such-key")).isEqualTo(1);
  }

  @Test
  void rotationOfADestroyedKeyIsRefused() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    Instant now = Instant.now();
    keys.updateState(version(key, 1).markCompromised(now).destroy(now));

    ProcessInstance instance = requestRotation(key.alias());

    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat((String) historicVariable(instance, VAR_REFUSAL_REASON))
        .isEqualTo(
            "Key '"
                + key.alias()
                + "' is destroyed: none of its 1 versions exists any more, so there is"
                + " nothing to rotate; request a new key instead");
    assertThat(keys.versions(key.id())).hasSize(1);
  }

  @Test
  void rotationOfAKeyWithoutAnActivePrimaryVersionIsRefused() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    keys.updateState(version(key, 1).markCompromised(Instant.now()));

    ProcessInstance instance = requestRotation(key.alias());

    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat((String) historicVariable(instance, VAR_REFUSAL_REASON))
        .isEqualTo(
            "Key '"
                + key.alias()
                + "' has no ACTIVE primary version to rotate (its primary, version 1, is COMPROMISED)");
  }

  @Test
  void aSecondRotationOfAKeyWhileOneRunsIsRefused() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance first = requestRotation(key.alias());
    ProcessInstance second = requestRotation(key.alias());

    assertThat(first).isWaitingAt(TASK_APPROVE);
    assertThat(second).isEnded().hasPassed(END_REFUSED);
    assertThat((String) historicVariable(second, VAR_REFUSAL_REASON))
        .isEqualTo("Another rotation of key '" + key.alias() + "' is in progress");
    assertThat(ledgerCount("KEY_ROTATION_REFUSED", key.alias())).isEqualTo(1);
  }

  @Test
  void anEncryptPeriodLooserThanPolicyIsRefused() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance =
        requestRotation("alice", key.alias(), Map.of(VAR_ENCRYPT_PERIOD_DAYS, 400));
    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat((String) historicVariable(instance, VAR_REFUSAL_REASON))
        .isEqualTo(
            "An encrypt period of 400 days is looser than policy: key '"
                + key.alias()
                + "' (DATA_AT_REST) allows at most 365 days");
  }

  @Test
  void aRetentionLooserThanPolicyIsRefused() {
    ManagedKey key = activeKey(KeyPurpose.DATA_IN_TRANSIT);
    ProcessInstance instance =
        requestRotation("alice", key.alias(), Map.of(VAR_RETENTION_DAYS, 31));
    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat((String) historicVariable(instance, VAR_REFUSAL_REASON))
        .isEqualTo(
            "A retention of 31 days is looser than policy: key '"
                + key.alias()
                + "' (DATA_IN_TRANSIT) allows at most 30 days");
    assertThat(keys.versions(key.id())).hasSize(1);
  }

  @Test
  void malformedRequestFieldsAreRefusedWithTheFieldNamed() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance noReason = requestRotation("alice", key.alias(), Map.of(VAR_REASON, " "));
    ProcessInstance badPeriod =
        requestRotation("alice", key.alias(), Map.of(VAR_ENCRYPT_PERIOD_DAYS, "a year"));
    ProcessInstance noAlias = start(PROCESS_KEY, "alice", Map.of(VAR_REASON, "why"));

    assertThat((String) historicVariable(noReason, VAR_REFUSAL_REASON))
        .isEqualTo("A reason is required: say why");
    assertThat((String) historicVariable(badPeriod, VAR_REFUSAL_REASON))
        .isEqualTo("encryptPeriodDays must be a whole number of days");
    assertThat((String) historicVariable(noAlias, VAR_REFUSAL_REASON))
        .isEqualTo("alias is required");
  }

  @Test
  void aRotationStartedWithoutAnAuthenticatedRequesterIsRefused() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance =
        runtime.startProcessInstanceByKey(
            PROCESS_KEY,
            Map.of(
                VAR_ALIAS,
                key.alias(),
                VAR_REASON,
                "why",
                VAR_REQUESTED_BY,
                "system:rotation-sweep"));
    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat((String) historicVariable(instance, VAR_REFUSAL_REASON))
        .isEqualTo("The request has no authenticated requester");
  }

  @Test
  void theRequesterIsTheAuthenticatedUserWhateverTheStartVariablesSay() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance =
        requestRotation("alice", key.alias(), Map.of(VAR_REQUESTED_BY, "system:rotation-sweep"));
    assertThat(instance).variables().containsEntry(VAR_REQUESTED_BY, "alice");
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM ledger_entry WHERE action = 'KEY_ROTATION_REQUESTED' AND key_alias = ?",
                String.class,
                key.alias()))
        .isEqualTo("alice");
  }

  @Test
  void rejectionEndsTheRotationWithoutTouchingTheVault() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());
    completeAs(
        "carol",
        task(instance).getId(),
        Map.of("approved", false, "comment", "Not before the freeze ends"));

    assertThat(instance).isEnded().hasPassed(END_REJECTED).hasNotPassed(TASK_GENERATE);
    assertThat(keys.versions(key.id())).hasSize(1);
    assertThat(version(key, 1).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(ledgerCount("KEY_ROTATION_REJECTED", key.alias())).isEqualTo(1);
    verify(vault, never()).generate(any());
  }

  @Test
  void theRequesterCannotApproveTheirOwnRotationEvenByOverwritingRequestedBy() {
    String erin = "erin" + UUID.randomUUID().toString().substring(0, 8);
    identity.saveUser(identity.newUser(erin));
    identity.createMembership(erin, "security-engineering");
    identity.createMembership(erin, "security-officer");
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(erin, key.alias(), Map.of());
    String taskId = task(instance).getId();

    assertThatThrownBy(() -> completeAs(erin, taskId, Map.of("approved", true)))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule");
    assertThatThrownBy(
            () ->
                completeAs(
                    erin, taskId, Map.of("approved", true, VAR_REQUESTED_BY, "somebody-else")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("'" + VAR_REQUESTED_BY + "'");
    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(ledgerCount("KEY_ROTATION_APPROVED", key.alias())).isZero();
  }

  @Test
  void idsSubmittedWithTheApprovalCannotRedirectTheRotation() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());
    String plannedId = (String) runtime.getVariable(instance.getId(), VAR_NEW_VERSION_ID);
    Map<String, Object> redirected =
        Map.of(
            VAR_NEW_VERSION_ID,
            UUID.randomUUID().toString(),
            VAR_KEY_ID,
            UUID.randomUUID().toString());
    Map<String, Object> completion = new HashMap<>(redirected);
    completion.put("approved", true);
    assertThatThrownBy(() -> completeAs("bob", task(instance).getId(), completion))
        .isInstanceOf(FormFieldValidationException.class);
    // Even ids changed behind the approval (here by the engine itself) redirect nothing.
    overwriteAsTheEngine(instance, redirected);
    approve("bob", instance);
    execute(generateJob(instance));

    assertThat(version(key, 2).id()).hasToString(plannedId);
  }

  @Test
  void anApprovalWaitingPastItsDeadlineIsEscalatedAndStaysOpen() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(requestedAt));
    ProcessInstance instance = requestRotation(key.alias());
    assertThat(task(instance).getDueDate())
        .isEqualTo(Date.from(requestedAt.plus(Duration.ofDays(7))));
    Job timer =
        management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(Date.from(requestedAt.plus(Duration.ofDays(7))));

    ClockUtil.setCurrentTime(Date.from(requestedAt.plus(Duration.ofDays(8))));
    execute(timer);

    assertThat(instance).hasPassed(TASK_ESCALATE, END_ESCALATED).isWaitingAt(TASK_APPROVE);
    assertThat(instance).variables().containsEntry(VAR_ESCALATED, true);
    assertThat(task(instance).getPriority()).isEqualTo(ESCALATED_PRIORITY);

    approve("bob", instance);
    execute(generateJob(instance));
    assertThat(instance).isEnded().hasPassed(END_ROTATED);
  }

  @Test
  void aVaultOutageRetriesAndGeneratesTheNewVersionOnce() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());
    approve("bob", instance);
    doThrow(new KeyVaultException.Unavailable("HSM unreachable", null))
        .doAnswer(call -> fakeVault.generate(call.getArgument(0)))
        .when(vault)
        .generate(any());

    assertThatThrownBy(() -> execute(generateJob(instance)))
        .hasMessageContaining("HSM unreachable");
    assertThat(keys.versions(key.id())).hasSize(1);
    assertThat(generateJob(instance).getRetries()).isEqualTo(2);

    execute(generateJob(instance));
    assertThat(instance).isEnded().hasPassed(END_ROTATED);
    assertThat(keys.versions(key.id())).hasSize(2);
    assertThat(fakeVault.generatedCount()).isEqualTo(1);
    assertThat(ledgerCount("KEY_ROTATED", key.alias())).isEqualTo(1);
  }

  @Test
  void aRetryAfterTheKeyWasGeneratedFindsItInsteadOfMakingASecond() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());
    approve("bob", instance);
    doThrow(new KeyVaultException.Unavailable("HSM unreachable while reading back", null))
        .doAnswer(call -> fakeVault.find(call.getArgument(0)))
        .when(vault)
        .find(any());

    assertThatThrownBy(() -> execute(generateJob(instance))).hasMessageContaining("reading back");
    assertThat(fakeVault.generatedCount()).isEqualTo(1);
    assertThat(keys.versions(key.id())).hasSize(1);

    execute(generateJob(instance));
    assertThat(instance).isEnded().hasPassed(END_ROTATED);
    assertThat(fakeVault.generatedCount()).isEqualTo(1);
    assertThat(fakeVault.contains(version(key, 2).id())).isTrue();
  }

  @Test
  void aKeyThatChangedAfterApprovalStopsTheRotationAsAnIncident() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());
    approve("bob", instance);
    keys.updateState(version(key, 1).markCompromised(Instant.now()));

    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> execute(generateJob(instance)))
          .hasMessageContaining("is no longer the ACTIVE primary version (it is COMPROMISED)");
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
    assertThat(keys.versions(key.id())).hasSize(1);
    verify(vault, never()).generate(any());
  }

  @Test
  void everyOfficerSeesTheRotationOfAKeyThatAlreadyHadOneRotated() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance first = requestRotation(key.alias());
    approve("bob", first);
    execute(generateJob(first));
    ProcessInstance second = requestRotation(key.alias());
    assertThat(second)
        .isWaitingAt(TASK_APPROVE)
        .variables()
        .containsEntry(VAR_CURRENT_VERSION, 2)
        .containsEntry(VAR_NEW_VERSION, 3);
    assertThat(List.of(task(second).getName()))
        .containsExactly("Approve key rotation of " + key.alias());
  }

  @Test
  void everyRequestFieldChangedAtTheApprovalIsRefusedAndNothingChanges() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());
    var tried =
        assertEveryRequestFieldIsRefusedAtCompletion(
            instance, "bob", Map.of("approved", true, "comment", "due"));
    assertThat(tried)
        .contains(
            VAR_ALIAS,
            VAR_REASON,
            VAR_REQUESTED_BY,
            VAR_KEY_ID,
            VAR_CURRENT_VERSION_ID,
            VAR_NEW_VERSION_ID,
            VAR_NEW_VERSION,
            VAR_ENCRYPT_PERIOD_DAYS,
            VAR_RETENTION_DAYS);
    assertThat(instance).isWaitingAt(TASK_APPROVE);
  }

  @Test
  void anAdministratorWhoMovesTheRotationPastItsApprovalGetsAnIncidentAnAlertAndNoNewVersion() {
    ManagedKey key = activeKey(KeyPurpose.DATA_AT_REST);
    ProcessInstance instance = requestRotation(key.alias());

    skipApprovalAsAdministrator(instance, TASK_APPROVE, TASK_GENERATE);
    assertHsmStepRefusedAsAnIncidentWithAnAlert(instance, TASK_GENERATE);

    verify(vault, never()).generate(any());
    assertThat(fakeVault.generatedCount()).isZero();
    assertThat(keys.findVersion(key.id(), 2)).isEmpty();
    assertThat(keys.findById(key.id()).orElseThrow().primaryVersionId())
        .isEqualTo(key.primaryVersionId());
  }
}
