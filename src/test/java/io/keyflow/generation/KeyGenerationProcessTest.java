package io.keyflow.generation;

import static io.keyflow.generation.KeyGenerationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.KeyState;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.lifecycle.ProcessTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class KeyGenerationProcessTest extends ProcessTestBase {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Autowired KeyRepository keys;
  @Autowired Ledger ledger;

  private static String newAlias() {
    return "gen-test-" + SEQUENCE.incrementAndGet();
  }

  private static Map<String, Object> request(
      String alias, String purpose, String algorithm, String justification) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, alias);
    variables.put(VAR_PURPOSE, purpose);
    variables.put(VAR_ALGORITHM, algorithm);
    variables.put(VAR_JUSTIFICATION, justification);
    return variables;
  }

  private ProcessInstance requestAes(String alias) {
    return start(
        PROCESS_KEY,
        "alice",
        request(alias, "DATA_AT_REST", "AES-256", "Encrypt the payments database"));
  }

  private void vaultGeneratesKeys() {
    when(vault.backend()).thenReturn("mock");
    when(vault.generate(any())).thenAnswer(call -> vaultKey(call.getArgument(0)));
    when(vault.find(any()))
        .thenAnswer(
            call ->
                Optional.of(
                    vaultKey(
                        new KeySpec(
                            call.getArgument(0),
                            "keyflow/x/v1",
                            KeyAlgorithm.AES_256,
                            false,
                            KeyRole.DATA_ENCRYPTION))));
  }

  private static VaultKey vaultKey(KeySpec spec) {
    return new VaultKey(
        spec.id(),
        spec.label(),
        spec.algorithm(),
        new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN"),
        "a1b2c3");
  }

  @Test
  void approvedRequestGeneratesKeyAndRecordsItActiveWithLedgerEntries() {
    vaultGeneratesKeys();
    String alias = newAlias();
    ProcessInstance instance = requestAes(alias);

    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(task(instance)).hasCandidateGroup("security-officer");
    assertThat(instance).hasBusinessKey(alias);
    assertThat(keys.findByAlias(alias)).isEmpty();

    decide("bob", instance, true, null);
    assertThat(instance).isWaitingAt(TASK_GENERATE).variables().containsEntry("approvedBy", "bob");

    execute(job(instance));
    assertThat(instance).isEnded().hasPassed(TASK_RECORD, END_GENERATED);

    var key = keys.findByAlias(alias).orElseThrow();
    var versions = keys.versions(key.id());
    assertThat(versions).hasSize(1);
    var version = versions.get(0);
    assertThat(version.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(key.primaryVersionId()).isEqualTo(version.id());
    assertThat(version.kcv()).isEqualTo("a1b2c3");
    assertThat(version.requestedBy()).isEqualTo("alice");
    assertThat(version.approvedBy()).isEqualTo("bob");
    assertThat(version.protectStopAt())
        .isEqualTo(version.activatedAt().plus(java.time.Duration.ofDays(365)));
    assertThat(version.provenance().neverExtractable()).isTrue();
    assertThat(version.processInstanceId()).isEqualTo(instance.getId());
    assertThat(ledgerCount("KEY_GENERATION_REQUESTED", alias)).isEqualTo(1);
    assertThat(ledgerCount("KEY_GENERATION_APPROVED", alias)).isEqualTo(1);
    assertThat(ledgerCount("KEY_GENERATED", alias)).isEqualTo(1);
    verify(vault)
        .generate(
            new KeySpec(
                version.id(),
                "keyflow/" + alias + "/v1",
                KeyAlgorithm.AES_256,
                false,
                KeyRole.DATA_ENCRYPTION));
  }

  @Test
  void theGeneratedEntryCitesTheRequestAndTheApprovalItActedOn() {
    vaultGeneratesKeys();
    ProcessInstance instance = requestAes(newAlias());
    decide("bob", instance, true, null);
    execute(job(instance));

    List<LedgerEntry> entries = ledger.entriesForProcessInstance(instance.getId());
    KeyGenerated generated = only(entries, LedgerAction.KEY_GENERATED).details(KeyGenerated.class);
    assertThat(generated.requestSeq())
        .isEqualTo(only(entries, LedgerAction.KEY_GENERATION_REQUESTED).seq());
    assertThat(generated.approvalSeqs())
        .containsExactly(only(entries, LedgerAction.KEY_GENERATION_APPROVED).seq());
  }

  private static LedgerEntry only(List<LedgerEntry> entries, LedgerAction action) {
    List<LedgerEntry> found = entries.stream().filter(e -> e.is(action)).toList();
    assertThat(found).as(action.name()).hasSize(1);
    return found.get(0);
  }

  @ParameterizedTest(name = "{0}/{1}: {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DATA_AT_REST    | AES-128  | ok-alias      | why | AES-128 is below the policy minimum",
        "DATA_AT_REST    | 3DES     | ok-alias      | why | 3DES",
        "SIGNING         | RSA-2048 | ok-alias      | why | RSA-2048 is below the policy minimum",
        "DATA_AT_REST    | ROT13    | ok-alias      | why | Unknown algorithm",
        "FUN             | AES-256  | ok-alias      | why | Unknown purpose",
        "SIGNING         | AES-256  | ok-alias      | why | not allowed for SIGNING",
        "DATA_AT_REST    | AES-256  | 'bad alias!'  | why | alias may contain only",
        "DATA_AT_REST    | AES-256  | ''            | why | alias is required",
        "DATA_AT_REST    | AES-256  | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | why | longer than 64",
        "DATA_AT_REST    | AES-256  | ok-alias      | ''  | justification is required",
      })
  void requestBreakingPolicyEndsRefusedWithReasonAndNoApprovalTask(
      String purpose, String algorithm, String alias, String justification, String reason) {
    ProcessInstance instance =
        start(PROCESS_KEY, "alice", request(alias, purpose, algorithm, justification));

    assertThat(instance).isEnded().hasPassed(END_REQUEST_REFUSED).hasNotPassed(TASK_APPROVE);
    assertThat((String) runtimeVariable(instance, VAR_REFUSAL_REASON)).contains(reason);
    assertThat(keys.findByAlias(alias)).isEmpty();
  }

  /**
   * {@code aes-256} and {@code AES-256} (and {@code aes_256}) name the same algorithm: names are
   * matched ignoring case, '_' is read as '-', and the request is recorded under the canonical
   * name, so the ledger and the inventory never show two spellings of one algorithm.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"aes-256", "Aes-256", "aes_256", " AES-256 "})
  void anyCaseOfAes256IsTheSameAlgorithmAndIsRecordedAsAes256(String spelling) {
    vaultGeneratesKeys();
    String alias = newAlias();
    ProcessInstance instance =
        start(PROCESS_KEY, "alice", request(alias, "data_at_rest", spelling, "spelling"));
    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM ledger_entry WHERE action = 'KEY_GENERATION_REQUESTED' AND key_alias = ?",
                String.class,
                alias))
        .contains("\"algorithm\":\"AES-256\"")
        .contains("\"purpose\":\"DATA_AT_REST\"");

    decide("bob", instance, true, null);
    execute(job(instance));
    assertThat(keys.findByAlias(alias).orElseThrow().algorithm()).isEqualTo(KeyAlgorithm.AES_256);
    verify(vault)
        .generate(
            new KeySpec(
                keys.findByAlias(alias).orElseThrow().primaryVersionId(),
                "keyflow/" + alias + "/v1",
                KeyAlgorithm.AES_256,
                false,
                KeyRole.DATA_ENCRYPTION));
  }

  @Test
  void exportOfSigningKeyIsRefused() {
    Map<String, Object> variables = request(newAlias(), "SIGNING", "EC-P256", "code signing");
    variables.put(VAR_EXPORTABLE, true);
    ProcessInstance instance = start(PROCESS_KEY, "alice", variables);
    assertThat(instance).isEnded().hasPassed(END_REQUEST_REFUSED);
    assertThat((String) runtimeVariable(instance, VAR_REFUSAL_REASON)).contains("never exported");
  }

  @Test
  void duplicateAliasIsRefusedAndRecordedInTheLedger() {
    vaultGeneratesKeys();
    String alias = newAlias();
    ProcessInstance first = requestAes(alias);
    decide("bob", first, true, null);
    execute(job(first));

    ProcessInstance second = requestAes(alias);
    assertThat(second).isEnded().hasPassed(END_REQUEST_REFUSED);
    assertThat((String) runtimeVariable(second, VAR_REFUSAL_REASON)).contains("already exists");
    assertThat(ledgerCount("KEY_GENERATION_REFUSED", alias)).isEqualTo(1);
  }

  @Test
  void secondRequestForAnAliasInProgressIsRefused() {
    String alias = newAlias();
    ProcessInstance first = requestAes(alias);
    ProcessInstance second = requestAes(alias);
    assertThat(first).isWaitingAt(TASK_APPROVE);
    assertThat(second).isEnded().hasPassed(END_REQUEST_REFUSED);
    assertThat((String) runtimeVariable(second, VAR_REFUSAL_REASON)).contains("in progress");
  }

  @Test
  void rejectionEndsWithoutKeyAndNamesTheOfficer() {
    String alias = newAlias();
    ProcessInstance instance = requestAes(alias);
    decide("carol", instance, false, "No business case");

    assertThat(instance).isEnded().hasPassed(END_REJECTED).hasNotPassed(TASK_GENERATE);
    assertThat((String) runtimeVariable(instance, "rejectedBy")).isEqualTo("carol");
    assertThat(keys.findByAlias(alias)).isEmpty();
    assertThat(ledgerCount("KEY_GENERATION_REJECTED", alias)).isEqualTo(1);
    verify(vault, times(0)).generate(any());
  }

  @Test
  void refusesRejectionWithoutComment() {
    ProcessInstance instance = requestAes(newAlias());
    assertThatThrownBy(() -> decide("bob", instance, false, "  "))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessage("A rejection needs a comment saying why");
    assertThat(instance).isWaitingAt(TASK_APPROVE);
  }

  @Test
  void refusesApprovalByTheRequesterEvenWhenTheyAreAnOfficer() {
    String erin = "erin" + SEQUENCE.incrementAndGet();
    identity.saveUser(identity.newUser(erin));
    identity.createMembership(erin, "security-engineering");
    identity.createMembership(erin, "security-officer");
    String alias = newAlias();
    ProcessInstance instance =
        start(
            PROCESS_KEY, erin, request(alias, "DATA_AT_REST", "AES-256", "self-approval attempt"));

    assertThatThrownBy(() -> decide(erin, instance, true, null))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule");
    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(ledgerCount("KEY_GENERATION_APPROVED", alias)).isZero();
  }

  @Test
  void aRequestedByStartVariableCannotMakeSomeoneElseTheRequester() {
    String erin = "erin" + SEQUENCE.incrementAndGet();
    identity.saveUser(identity.newUser(erin));
    identity.createMembership(erin, "security-engineering");
    identity.createMembership(erin, "security-officer");
    String alias = newAlias();
    Map<String, Object> variables =
        request(alias, "DATA_AT_REST", "AES-256", "self-approval through a forged requester");
    variables.put(VAR_REQUESTED_BY, "bob");
    ProcessInstance instance = start(PROCESS_KEY, erin, variables);

    assertThat(instance).variables().containsEntry(VAR_REQUESTED_BY, erin);
    assertThatThrownBy(() -> decide(erin, instance, true, null))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule");
  }

  @Test
  void refusesApprovalByTheRequesterWhoOverwritesRequestedByWhenCompleting() {
    String erin = "erin" + SEQUENCE.incrementAndGet();
    identity.saveUser(identity.newUser(erin));
    identity.createMembership(erin, "security-engineering");
    identity.createMembership(erin, "security-officer");
    String alias = newAlias();
    ProcessInstance instance =
        start(
            PROCESS_KEY, erin, request(alias, "DATA_AT_REST", "AES-256", "self-approval attempt"));
    String taskId = task(instance).getId();
    actAs(erin);
    try {
      assertThatThrownBy(
              () -> tasks.complete(taskId, Map.of("approved", true, VAR_REQUESTED_BY, "bob")))
          .isInstanceOf(FormFieldValidationException.class)
          .hasMessageContaining("'" + VAR_REQUESTED_BY + "'");
      assertThatThrownBy(() -> tasks.complete(taskId, Map.of("approved", true)))
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("Four-eyes rule");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(ledgerCount("KEY_GENERATION_APPROVED", alias)).isZero();
  }

  @Test
  void refusesApprovalByNonOfficerAndWithoutAuthentication() {
    ProcessInstance instance = requestAes(newAlias());
    assertThatThrownBy(() -> decide("dave", instance, true, null))
        .isInstanceOf(AuthorizationException.class);
    Task task = task(instance);
    assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("approved", true)))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("authenticated security officer");
    assertThat(instance).isWaitingAt(TASK_APPROVE);
  }

  @Test
  void approvedByComesFromTheServerNotTheForm() {
    vaultGeneratesKeys();
    ProcessInstance instance = requestAes(newAlias());
    String taskId = task(instance).getId();
    actAs("bob");
    try {
      assertThatThrownBy(
              () -> tasks.complete(taskId, Map.of("approved", true, "approvedBy", "mallory")))
          .isInstanceOf(FormFieldValidationException.class)
          .hasMessageContaining("'approvedBy'");
      tasks.complete(taskId, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
    assertThat(instance).variables().containsEntry("approvedBy", "bob");
  }

  @Test
  void variablesSubmittedWithTheApprovalCannotChangeWhatIsGenerated() {
    vaultGeneratesKeys();
    String alias = newAlias();
    ProcessInstance instance = requestAes(alias);
    String requestedVersionId = (String) runtimeVariable(instance, VAR_VERSION_ID);
    String taskId = task(instance).getId();
    Map<String, Object> changed =
        Map.of(
            VAR_ALGORITHM,
            "RSA-3072",
            VAR_EXPORTABLE,
            true,
            VAR_VERSION_ID,
            UUID.randomUUID().toString(),
            VAR_HSM_LABEL,
            "keyflow/other/v9",
            VAR_ALIAS,
            "other-alias");
    java.util.Map<String, Object> completion = new java.util.HashMap<>(changed);
    completion.put("approved", true);
    actAs("bob");
    try {
      assertThatThrownBy(() -> tasks.complete(taskId, completion))
          .isInstanceOf(FormFieldValidationException.class);
    } finally {
      identity.clearAuthentication();
    }
    // Even variables changed past the completion check (here by the engine itself) change nothing.
    overwriteAsTheEngine(instance, changed);
    decide("bob", instance, true, null);
    execute(job(instance));

    assertThat(instance).isEnded().hasPassed(END_GENERATED);
    verify(vault)
        .generate(
            new KeySpec(
                UUID.fromString(requestedVersionId),
                "keyflow/" + alias + "/v1",
                KeyAlgorithm.AES_256,
                false,
                KeyRole.DATA_ENCRYPTION));
    var key = keys.findByAlias(alias).orElseThrow();
    assertThat(key.algorithm()).isEqualTo(KeyAlgorithm.AES_256);
    assertThat(key.exportable()).isFalse();
    assertThat(key.primaryVersionId()).hasToString(requestedVersionId);
    assertThat(keys.findByAlias("other-alias")).isEmpty();
  }

  @Test
  void completingAnAlreadyCompletedTaskFails() {
    ProcessInstance instance = requestAes(newAlias());
    String taskId = task(instance).getId();
    decide("bob", instance, false, "not needed");
    actAs("carol");
    try {
      assertThatThrownBy(() -> tasks.complete(taskId, Map.of("approved", true)))
          .isInstanceOf(ProcessEngineException.class);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void retryAfterVaultFailureGeneratesOnceWithTheSameId() {
    vaultGeneratesKeys();
    org.mockito.Mockito.doThrow(new KeyVaultException.Unavailable("HSM unreachable", null))
        .doAnswer(call -> vaultKey(call.getArgument(0)))
        .when(vault)
        .generate(any());
    String alias = newAlias();
    ProcessInstance instance = requestAes(alias);
    decide("bob", instance, true, null);

    assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("HSM unreachable");
    assertThat(keys.findByAlias(alias)).isEmpty();
    assertThat(job(instance).getRetries()).isEqualTo(2);

    execute(job(instance));
    assertThat(instance).isEnded().hasPassed(END_GENERATED);
    String versionId = (String) runtimeVariable(instance, VAR_VERSION_ID);
    verify(vault, times(2))
        .generate(
            eq(
                new KeySpec(
                    UUID.fromString(versionId),
                    "keyflow/" + alias + "/v1",
                    KeyAlgorithm.AES_256,
                    false,
                    KeyRole.DATA_ENCRYPTION)));
    assertThat(keys.versions(keys.findByAlias(alias).orElseThrow().id())).hasSize(1);
    assertThat(ledgerCount("KEY_GENERATED", alias)).isEqualTo(1);
  }

  @Test
  void vaultDownUntilRetriesRunOutBecomesAnIncidentAndRecordsNothing() {
    when(vault.generate(any()))
        .thenThrow(new KeyVaultException.Unavailable("HSM unreachable", null));
    String alias = newAlias();
    ProcessInstance instance = requestAes(alias);
    decide("bob", instance, true, null);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> execute(job(instance)))
          .isInstanceOf(KeyVaultException.Unavailable.class);
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
    assertThat(instance).isWaitingAt(TASK_GENERATE);
    assertThat(keys.findByAlias(alias)).isEmpty();
    assertThat(ledgerCount("KEY_GENERATED", alias)).isZero();
  }

  private Object runtimeVariable(ProcessInstance instance, String name) {
    var historic =
        engine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .variableName(name)
            .singleResult();
    return historic == null ? null : historic.getValue();
  }

  @Test
  void everyRequestFieldChangedAtTheApprovalIsRefusedAndNothingChanges() {
    ProcessInstance instance = requestAes(newAlias());
    var tried =
        assertEveryRequestFieldIsRefusedAtCompletion(
            instance, "bob", Map.of("approved", true, "comment", "fine"));
    assertThat(tried)
        .contains(
            VAR_ALIAS,
            VAR_PURPOSE,
            VAR_ALGORITHM,
            VAR_EXPORTABLE,
            VAR_JUSTIFICATION,
            VAR_ENVIRONMENT,
            VAR_REQUESTED_BY,
            VAR_KEY_ID,
            VAR_VERSION_ID,
            VAR_HSM_LABEL);
    assertThat(instance).isWaitingAt(TASK_APPROVE);
  }

  @Test
  void anAdministratorWhoMovesTheRequestPastItsApprovalGetsAnIncidentAnAlertAndNoKey() {
    vaultGeneratesKeys();
    String alias = newAlias();
    ProcessInstance instance = requestAes(alias);

    skipApprovalAsAdministrator(instance, TASK_APPROVE, TASK_GENERATE);
    assertHsmStepRefusedAsAnIncidentWithAnAlert(instance, TASK_GENERATE);

    verify(vault, never()).generate(any());
    assertThat(keys.findByAlias(alias)).isEmpty();
    assertThat(ledgerCount("KEY_GENERATED", alias)).isZero();
  }

  @Test
  void nobodySetsOrRemovesVariablesOfARunningLifecycleNotEvenTheAdministrator() {
    ProcessInstance instance = requestAes(newAlias());
    String taskId = task(instance).getId();
    String pid = instance.getId();
    List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> writes =
        List.of(
            () -> runtime.setVariable(pid, VAR_ALGORITHM, "RSA-3072"),
            () -> runtime.setVariableLocal(pid, VAR_ALGORITHM, "RSA-3072"),
            () -> runtime.setVariables(pid, Map.of(VAR_ALGORITHM, "RSA-3072")),
            () -> runtime.removeVariable(pid, VAR_ALGORITHM),
            () ->
                ((org.camunda.bpm.engine.impl.RuntimeServiceImpl) runtime)
                    .updateVariables(pid, Map.of(VAR_ALGORITHM, "RSA-3072"), List.of()),
            () -> tasks.setVariable(taskId, VAR_ALGORITHM, "RSA-3072"),
            () -> tasks.setVariableLocal(taskId, VAR_ALGORITHM, "RSA-3072"),
            () -> tasks.removeVariable(taskId, VAR_ALGORITHM),
            () ->
                ((org.camunda.bpm.engine.impl.TaskServiceImpl) tasks)
                    .updateVariablesLocal(taskId, Map.of(VAR_ALGORITHM, "RSA-3072"), List.of()));
    for (String user : List.of("bob", "admin")) {
      actAs(user);
      try {
        for (var write : writes) {
          assertThatThrownBy(write)
              .as(user)
              .isInstanceOf(BadUserRequestException.class)
              .hasMessageContaining(VAR_ALGORITHM);
        }
        assertThatThrownBy(
                () -> runtime.setVariablesAsync(List.of(pid), Map.of(VAR_ALGORITHM, "RSA-3072")))
            .as(user + " in a batch")
            .isInstanceOf(BadUserRequestException.class)
            .hasMessageContaining("never in a batch");
      } finally {
        identity.clearAuthentication();
      }
    }
    assertThatThrownBy(writes.get(0))
        .as("unauthenticated")
        .isInstanceOf(BadUserRequestException.class);
    assertThat(runtime.getVariable(pid, VAR_ALGORITHM)).isEqualTo("AES-256");
    assertThat(tasks.getVariablesLocal(taskId)).isEmpty();
    assertThat(engine.getManagementService().createBatchQuery().count()).isZero();
  }

  @Test
  void aDecisionOfTheWrongTypeOrLengthIsRefusedNamingTheField() {
    ProcessInstance instance = requestAes(newAlias());
    String taskId = task(instance).getId();
    assertThatThrownBy(() -> completeAs("bob", taskId, Map.of("approved", "yes")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("'approved'");
    assertThatThrownBy(() -> completeAs("bob", taskId, Map.of("approved", false, "comment", 42)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("'comment'");
    assertThatThrownBy(
            () -> completeAs("bob", taskId, Map.of("approved", false, "comment", "x".repeat(2001))))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("2000");
    assertThat(instance).isWaitingAt(TASK_APPROVE);
  }
}
