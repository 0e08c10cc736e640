package io.keyflow.destruction;

import static io.keyflow.destruction.KeyDestructionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.KeyDestroyed;
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

class KeyDestructionProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keys;
  @Autowired ManagementService management;
  @Autowired Ledger ledger;
  FakeVault fakeVault;
  Instant rotatedAt;

  @BeforeEach
  void vault() {
    fakeVault = LifecycleFixtures.fakeVault(vault);
    rotatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A DATA_IN_TRANSIT key (30 days retention) rotated once at {@code rotatedAt}: v1 DEACTIVATED, v2
   * ACTIVE.
   */
  private ManagedKey rotatedKey() {
    return LifecycleFixtures.rotatedKey(
        keys,
        fakeVault,
        LifecycleFixtures.alias("destroy"),
        KeyPurpose.DATA_IN_TRANSIT,
        rotatedAt,
        1);
  }

  private void afterRetention() {
    ClockUtil.setCurrentTime(Date.from(rotatedAt.plus(Duration.ofDays(31))));
  }

  private ProcessInstance requestDestruction(String user, String alias, Object version) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, alias);
    variables.put(VAR_VERSION, version);
    variables.put(VAR_REASON, "Retention over; no data left under this version");
    return start(PROCESS_KEY, user, variables);
  }

  private void approve(String officer, ProcessInstance instance) {
    completeAs(officer, task(instance).getId(), Map.of("approved", true));
  }

  private Job destroyJob(ProcessInstance instance) {
    return management
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(TASK_DESTROY)
        .singleResult();
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

  private void assertRefused(ProcessInstance instance, String reason) {
    assertThat(instance).isEnded().hasPassed(END_REFUSED).hasNotPassed(TASK_FIRST_APPROVAL);
    assertThat(refusalReason(instance)).isEqualTo(reason);
    verify(vault, never()).destroy(any());
  }

  private String newOfficerWhoIsAlsoEngineer() {
    String erin = "erin" + UUID.randomUUID().toString().substring(0, 8);
    identity.saveUser(identity.newUser(erin));
    identity.createMembership(erin, "security-engineering");
    identity.createMembership(erin, "security-officer");
    return erin;
  }

  @Test
  void twoDifferentOfficersApproveAndTheVersionIsDestroyedVerifiedAndKeptAsATombstone()
      throws Exception {
    ManagedKey key = rotatedKey();
    KeyVersion v1 = version(key, 1);
    afterRetention();

    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    assertThat(instance)
        .isWaitingAt(TASK_FIRST_APPROVAL)
        .hasBusinessKey(key.alias())
        .variables()
        .containsEntry(VAR_REQUESTED_BY, "alice")
        .containsEntry(VAR_VERSION_NUMBER, 1)
        .containsEntry(VAR_VERSION_STATE, "DEACTIVATED")
        .containsEntry(VAR_RETAIN_UNTIL, v1.retainUntil().toString())
        .containsEntry(VAR_REQUIRED_APPROVALS, 2);
    assertThat(task(instance)).hasCandidateGroup("security-officer");

    approve("bob", instance);
    assertThat(instance)
        .isWaitingAt(TASK_SECOND_APPROVAL)
        .variables()
        .containsEntry("approvedBy", "bob");
    assertThat(fakeVault.contains(v1.id())).isTrue();
    approve("carol", instance);
    assertThat(instance)
        .isWaitingAt(TASK_DESTROY)
        .variables()
        .containsEntry("approvedBy", "bob,carol");
    assertThat(fakeVault.contains(v1.id())).isTrue();

    Instant destroyedAt = rotatedAt.plus(Duration.ofDays(32));
    ClockUtil.setCurrentTime(Date.from(destroyedAt));
    execute(destroyJob(instance));

    assertThat(instance).isEnded().hasPassed(TASK_VERIFY, TASK_RECORD, END_DESTROYED);
    verify(vault).destroy(v1.id());
    assertThat(fakeVault.contains(v1.id())).isFalse();
    KeyVersion tombstone = version(key, 1);
    assertThat(tombstone.state()).isEqualTo(KeyState.DESTROYED);
    assertThat(tombstone.destroyedAt()).isEqualTo(destroyedAt);
    assertThat(tombstone.kcv()).isEqualTo(v1.kcv());
    assertThat(tombstone.hsmLabel()).isEqualTo(v1.hsmLabel());
    assertThat(tombstone.retainUntil()).isEqualTo(v1.retainUntil());
    assertThat(version(key, 2).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(fakeVault.contains(version(key, 2).id())).isTrue();

    assertThat(ledgerCount("KEY_DESTRUCTION_REQUESTED", key.alias())).isEqualTo(1);
    assertThat(ledgerCount("KEY_DESTRUCTION_APPROVED", key.alias())).isEqualTo(2);
    assertThat(ledgerCount("KEY_DESTROYED", key.alias())).isEqualTo(1);
    JsonNode destroyed =
        new ObjectMapper()
            .readTree(
                jdbc.queryForObject(
                    "SELECT details FROM ledger_entry WHERE action = 'KEY_DESTROYED' AND key_alias = ?",
                    String.class,
                    key.alias()));
    assertThat(destroyed.get("approvedBy").toString()).isEqualTo("[\"bob\",\"carol\"]");
    assertThat(destroyed.get("destroyedAt").asText()).isEqualTo(destroyedAt.toString());
    assertThat(destroyed.get("vaultObjectDestroyed").asBoolean()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT version_id FROM ledger_entry WHERE action = 'KEY_DESTROYED' AND key_alias = ?",
                String.class,
                key.alias()))
        .isEqualTo(v1.id().toString());
  }

  @Test
  void theDestroyedEntryCitesTheRequestAndTheApprovalsItCarriedOut() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    approve("bob", instance);
    approve("carol", instance);

    execute(destroyJob(instance));

    List<LedgerEntry> entries = ledger.entriesForProcessInstance(instance.getId());
    long requestSeq = seqs(entries, LedgerAction.KEY_DESTRUCTION_REQUESTED).get(0);
    List<Long> approvalSeqs = seqs(entries, LedgerAction.KEY_DESTRUCTION_APPROVED);
    assertThat(approvalSeqs).hasSize(2);
    KeyDestroyed destroyed =
        entries.stream()
            .filter(e -> e.is(LedgerAction.KEY_DESTROYED))
            .findFirst()
            .orElseThrow()
            .details(KeyDestroyed.class);
    assertThat(destroyed.requestSeq()).isEqualTo(requestSeq);
    assertThat(destroyed.approvalSeqs()).isEqualTo(approvalSeqs);
    assertThat(destroyed.campaignRequestSeq()).isNull();
  }

  private static List<Long> seqs(List<LedgerEntry> entries, LedgerAction action) {
    return entries.stream().filter(e -> e.is(action)).map(LedgerEntry::seq).toList();
  }

  @Test
  void destructionBeforeTheRetentionExpiresIsRefusedBeforeAnyApproval() {
    ManagedKey key = rotatedKey();
    KeyVersion v1 = version(key, 1);
    ClockUtil.setCurrentTime(Date.from(rotatedAt.plus(Duration.ofDays(29))));

    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);

    assertRefused(
        instance,
        "Key '"
            + key.alias()
            + "': Version 1 is retained until "
            + v1.retainUntil()
            + " to decrypt existing data; it cannot be destroyed before its retention expires");
    assertThat(version(key, 1).state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(ledgerCount("KEY_DESTRUCTION_REFUSED", key.alias())).isEqualTo(1);
  }

  @Test
  void theActivePrimaryVersionIsNeverDestroyed() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), "2");
    assertRefused(
        instance,
        "Version 2 of key '"
            + key.alias()
            + "' is the primary version and ACTIVE: it is never"
            + " destroyed directly; rotate the key first so that it is deactivated and retained");
  }

  @Test
  void anAlreadyDestroyedVersionIsRefused() {
    ManagedKey key = rotatedKey();
    afterRetention();
    Instant at = ClockUtil.now().toInstant();
    keys.updateState(version(key, 1).destroy(at));

    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);

    assertRefused(
        instance,
        "Version 1 of key '"
            + key.alias()
            + "' was already destroyed on "
            + at.truncatedTo(ChronoUnit.SECONDS)
            + " (DESTROYED)");
  }

  @Test
  void unknownKeysVersionsAndMalformedRequestsAreRefusedWithTheReason() {
    ManagedKey key = rotatedKey();
    assertRefused(requestDestruction("alice", "no-such-key", 1), "No key with alias 'no-such-key'");
    assertRefused(
        requestDestruction("alice", key.alias(), 7), "Key '" + key.alias() + "' has no version 7");
    assertRefused(
        requestDestruction("alice", key.alias(), "two"),
        "version must be a version number (1, 2, …) or 'all'");
    assertRefused(
        requestDestruction("alice", key.alias(), 0),
        "version must be a version number (1, 2, …) or 'all'");
    assertRefused(
        start(PROCESS_KEY, "alice", Map.of(VAR_ALIAS, key.alias(), VAR_VERSION, 1)),
        "A reason is required: say why");
    ProcessInstance anonymous =
        runtime.startProcessInstanceByKey(
            PROCESS_KEY, Map.of(VAR_ALIAS, key.alias(), VAR_VERSION, 1, VAR_REASON, "x"));
    assertRefused(anonymous, "The request has no authenticated requester");
  }

  @Test
  void aSecondDestructionOfAVersionWhileOneRunsIsRefused() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance first = requestDestruction("alice", key.alias(), 1);
    ProcessInstance second = requestDestruction("alice", key.alias(), 1);

    assertThat(first).isWaitingAt(TASK_FIRST_APPROVAL);
    assertRefused(
        second, "A destruction of version 1 of key '" + key.alias() + "' is already in progress");
  }

  @Test
  void theSameOfficerCannotGiveBothApprovals() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    approve("bob", instance);

    assertThatThrownBy(() -> approve("bob", instance))
        .isInstanceOf(AuthorizationException.class)
        .hasMessage(
            "Dual control: bob has already approved this request; a different officer must decide");
    assertThat(instance).isWaitingAt(TASK_SECOND_APPROVAL);
    assertThat(ledgerCount("KEY_DESTRUCTION_APPROVED", key.alias())).isEqualTo(1);
  }

  @Test
  void theRequesterCannotApproveEvenAsAnOfficerOrByOverwritingRequestedBy() {
    String erin = newOfficerWhoIsAlsoEngineer();
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction(erin, key.alias(), 1);
    String taskId = task(instance).getId();

    assertThatThrownBy(() -> completeAs(erin, taskId, Map.of("approved", true)))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule");
    assertThatThrownBy(
            () -> completeAs(erin, taskId, Map.of("approved", true, VAR_REQUESTED_BY, "nobody")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("'" + VAR_REQUESTED_BY + "'");
    approve("bob", instance);
    assertThatThrownBy(() -> approve(erin, instance))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule");
    assertThat(instance).isWaitingAt(TASK_SECOND_APPROVAL);
  }

  @Test
  void aRejectionByEitherOfficerEndsTheDestructionWithoutTouchingTheVault() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance rejectedFirst = requestDestruction("alice", key.alias(), 1);
    completeAs(
        "bob", task(rejectedFirst).getId(), Map.of("approved", false, "comment", "Legal hold"));
    assertThat(rejectedFirst).isEnded().hasPassed(END_REJECTED).hasNotPassed(TASK_SECOND_APPROVAL);

    ProcessInstance rejectedSecond = requestDestruction("alice", key.alias(), 1);
    approve("bob", rejectedSecond);
    completeAs(
        "carol",
        task(rejectedSecond).getId(),
        Map.of("approved", false, "comment", "Still needed for audit"));
    assertThat(rejectedSecond).isEnded().hasPassed(END_REJECTED).hasNotPassed(TASK_DESTROY);

    verify(vault, never()).destroy(any());
    assertThat(version(key, 1).state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(ledgerCount("KEY_DESTRUCTION_REJECTED", key.alias())).isEqualTo(2);
  }

  @Test
  void aVersionIdSubmittedWithAnApprovalIsRefusedAndOneChangedBehindItRedirectsNothing() {
    ManagedKey key =
        LifecycleFixtures.rotatedKey(
            keys,
            fakeVault,
            LifecycleFixtures.alias("redirect"),
            KeyPurpose.DATA_IN_TRANSIT,
            rotatedAt,
            2);
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    UUID v2 = version(key, 2).id();
    assertThatThrownBy(
            () ->
                completeAs(
                    "bob",
                    task(instance).getId(),
                    Map.of(
                        "approved",
                        true,
                        VAR_VERSION_ID,
                        v2.toString(),
                        VAR_REQUIRED_APPROVALS,
                        1)))
        .isInstanceOf(FormFieldValidationException.class);
    // Even ids changed behind the approvals (here by the engine itself) redirect nothing.
    overwriteAsTheEngine(
        instance, Map.of(VAR_VERSION_ID, v2.toString(), VAR_REQUIRED_APPROVALS, 1));
    approve("bob", instance);
    assertThat(instance).isWaitingAt(TASK_SECOND_APPROVAL);
    approve("carol", instance);
    execute(destroyJob(instance));

    assertThat(version(key, 1).state()).isEqualTo(KeyState.DESTROYED);
    assertThat(version(key, 2).state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(fakeVault.contains(v2)).isTrue();
  }

  @Test
  void anObjectAlreadyGoneFromTheVaultCountsAsDestroyedAfterVerification() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    approve("bob", instance);
    approve("carol", instance);
    vault.destroy(version(key, 1).id());

    execute(destroyJob(instance));

    assertThat(instance)
        .isEnded()
        .hasPassed(END_DESTROYED)
        .variables()
        .containsEntry(VAR_VAULT_OBJECT_DESTROYED, false);
    assertThat(version(key, 1).state()).isEqualTo(KeyState.DESTROYED);
  }

  @Test
  void anObjectStillInTheVaultAfterDestructionRetriesAndBecomesAnIncident() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    approve("bob", instance);
    approve("carol", instance);
    UUID v1 = version(key, 1).id();
    doReturn(true).when(vault).destroy(v1);

    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> execute(destroyJob(instance)))
          .isInstanceOf(DestructionNotVerified.class)
          .hasMessageContaining("is still in the vault after its destruction");
    }

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
    assertThat(instance).isWaitingAt(TASK_DESTROY);
    assertThat(version(key, 1).state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(ledgerCount("KEY_DESTROYED", key.alias())).isZero();
  }

  @Test
  void destroyingAWholeKeyStartsOneDestructionPerDestroyableVersion() {
    ManagedKey key =
        LifecycleFixtures.rotatedKey(
            keys,
            fakeVault,
            LifecycleFixtures.alias("whole"),
            KeyPurpose.DATA_IN_TRANSIT,
            rotatedAt,
            2);
    afterRetention();

    ProcessInstance whole = requestDestruction("alice", key.alias(), "ALL");

    assertThat(whole)
        .isEnded()
        .hasPassed(TASK_START_VERSION_DESTRUCTIONS, END_VERSION_DESTRUCTIONS_STARTED)
        .hasNotPassed(TASK_FIRST_APPROVAL);
    List<ProcessInstance> perVersion =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(key.alias())
            .list();
    assertThat(perVersion).hasSize(2);
    assertThat(perVersion)
        .extracting(p -> runtime.getVariable(p.getId(), VAR_VERSION_NUMBER))
        .containsExactlyInAnyOrder(1, 2);
    assertThat(perVersion)
        .extracting(p -> runtime.getVariable(p.getId(), VAR_REQUESTED_BY))
        .containsOnly("alice");
    assertThat(ledgerCount("KEY_DESTRUCTION_REQUESTED", key.alias())).isEqualTo(2);

    for (ProcessInstance each : perVersion) {
      approve("bob", each);
      approve("carol", each);
      execute(destroyJob(each));
    }
    assertThat(version(key, 1).state()).isEqualTo(KeyState.DESTROYED);
    assertThat(version(key, 2).state()).isEqualTo(KeyState.DESTROYED);
    assertThat(version(key, 3).state()).isEqualTo(KeyState.ACTIVE);
  }

  @Test
  void destroyingAWholeKeyWithNothingDestroyableIsRefusedNamingEachVersion() {
    ManagedKey key = rotatedKey();
    ProcessInstance instance = requestDestruction("alice", key.alias(), "all");
    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat(refusalReason(instance))
        .startsWith(
            "No version of key '"
                + key.alias()
                + "' can be destroyed now: Key '"
                + key.alias()
                + "': Version 1 is retained until")
        .contains("; Version 2 of key '" + key.alias() + "' is the primary version and ACTIVE");
  }

  @Test
  void aVaultOutageDuringDestructionRetriesWithoutLosingTheRequest() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    approve("bob", instance);
    approve("carol", instance);
    UUID v1 = version(key, 1).id();
    doThrow(new KeyVaultException.Unavailable("HSM unreachable", null))
        .doAnswer(call -> fakeVault.remove(v1))
        .when(vault)
        .destroy(v1);

    assertThatThrownBy(() -> execute(destroyJob(instance))).hasMessageContaining("HSM unreachable");
    assertThat(destroyJob(instance).getRetries()).isEqualTo(2);
    execute(destroyJob(instance));

    assertThat(instance)
        .isEnded()
        .hasPassed(END_DESTROYED)
        .variables()
        .containsEntry(VAR_VAULT_OBJECT_DESTROYED, true);
    assertThat(fakeVault.contains(v1)).isFalse();
    assertThat(ledgerCount("KEY_DESTROYED", key.alias())).isEqualTo(1);
  }

  @Test
  void everyRequestFieldChangedAtEitherApprovalIsRefusedAndNothingChanges() {
    ManagedKey key = rotatedKey();
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    Map<String, Object> decision = Map.of("approved", true, "comment", "retention over");

    var first = assertEveryRequestFieldIsRefusedAtCompletion(instance, "bob", decision);
    assertThat(first)
        .contains(
            VAR_ALIAS,
            VAR_VERSION,
            VAR_REASON,
            VAR_REQUESTED_BY,
            VAR_KEY_ID,
            VAR_VERSION_ID,
            VAR_HSM_LABEL,
            VAR_REQUIRED_APPROVALS);
    approve("bob", instance);
    assertThat(instance).isWaitingAt(TASK_SECOND_APPROVAL);
    var second = assertEveryRequestFieldIsRefusedAtCompletion(instance, "carol", decision);
    assertThat(second).contains(VAR_VERSION_ID, VAR_REQUIRED_APPROVALS, "approvedBy");
    assertThat(instance).isWaitingAt(TASK_SECOND_APPROVAL);
  }

  @Test
  void
      anAdministratorWhoMovesTheDestructionPastItsSecondApprovalGetsAnIncidentAnAlertAndTheKeyStays() {
    ManagedKey key = rotatedKey();
    KeyVersion v1 = version(key, 1);
    afterRetention();
    ProcessInstance instance = requestDestruction("alice", key.alias(), 1);
    approve("bob", instance);

    skipApprovalAsAdministrator(instance, TASK_SECOND_APPROVAL, TASK_DESTROY);
    assertHsmStepRefusedAsAnIncidentWithAnAlert(instance, TASK_DESTROY);

    verify(vault, never()).destroy(any());
    assertThat(fakeVault.contains(v1.id())).isTrue();
    assertThat(version(key, 1).state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(ledgerCount("KEY_DESTROYED", key.alias())).isZero();
  }
}
