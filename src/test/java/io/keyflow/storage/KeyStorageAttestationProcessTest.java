package io.keyflow.storage;

import static io.keyflow.storage.KeyStorageAttestationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.Mockito.when;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.VaultObject;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.ProcessTestBase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs in a context (and in-memory database) of its own, so the inventory it reconciles holds only
 * the keys these tests made; the mocked vault lists exactly that inventory unless a test changes
 * it.
 */
@TestPropertySource(properties = "keyflow.test.context=storage-attestation")
class KeyStorageAttestationProcessTest extends ProcessTestBase {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Autowired KeyRepository keys;

  @BeforeEach
  void vaultIsAMock() {
    when(vault.backend()).thenReturn("mock");
  }

  private KeyVersion key(boolean exportable) {
    String alias = "stored-" + SEQUENCE.incrementAndGet();
    UUID keyId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();
    Instant now = Instant.now();
    keys.insert(
        new ManagedKey(
            keyId,
            alias,
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            exportable,
            Duration.ofDays(365),
            Duration.ofDays(1095),
            "fixture",
            null,
            now,
            Environment.PRODUCTION));
    KeyVersion version =
        KeyVersion.activated(
            versionId,
            keyId,
            1,
            "mock",
            "keyflow/" + alias + "/v1",
            "a1b2c3",
            new Provenance(true, true, true, exportable, !exportable, "CKM_AES_KEY_GEN"),
            now,
            Duration.ofDays(365),
            "alice",
            "bob",
            "fixture");
    keys.insert(version);
    keys.setPrimaryVersion(keyId, versionId);
    return version;
  }

  /** What a vault that matches the inventory lists: one object per live version, as recorded. */
  private List<VaultObject> inventoryAsVaultObjects() {
    List<VaultObject> objects = new ArrayList<>();
    for (ManagedKey key : keys.findAll()) {
      for (KeyVersion version : keys.versions(key.id())) {
        if (version.state().isLive()) {
          objects.add(object(version, version.provenance(), version.kcv()));
        }
      }
    }
    return objects;
  }

  private static VaultObject object(KeyVersion version, Provenance provenance, String kcv) {
    return new VaultObject(
        version.hsmKeyId().toString(),
        version.hsmLabel(),
        "SECRET_KEY",
        "AES",
        provenance,
        kcv,
        KeyRole.DATA_ENCRYPTION.usage("SECRET_KEY"));
  }

  private ProcessInstance requestAttestation(String user) {
    return start(PROCESS_KEY, user, new HashMap<>(Map.of(VAR_REASON, "quarterly review")));
  }

  private void attest(String officer, ProcessInstance instance, String comment) {
    Map<String, Object> variables = new HashMap<>();
    if (comment != null) {
      variables.put(VAR_COMMENT, comment);
    }
    String taskId = task(instance).getId();
    actAs(officer);
    try {
      tasks.complete(taskId, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private long ledger(String action, String processInstanceId) {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ledger_entry WHERE action = ? AND process_instance_id = ?",
            Long.class,
            action,
            processInstanceId);
    return count == null ? 0 : count;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aCleanVaultIsAttestedInOneClickWithTheDigestOfTheFindingsInTheLedger() throws Exception {
    key(false);
    key(true);
    KeyVersion destroyed = key(false);
    jdbc.update(
        "UPDATE key_version SET state = 'DESTROYED', destroyed_at = CURRENT_TIMESTAMP WHERE id = ?",
        destroyed.id().toString());
    when(vault.list()).thenReturn(inventoryAsVaultObjects());

    ProcessInstance instance = requestAttestation("bob");
    assertThat(instance)
        .isWaitingAt(TASK_RECONCILE)
        .variables()
        .containsEntry(VAR_REQUESTED_BY, "bob");
    execute(job(instance));

    assertThat(instance).isWaitingAt(TASK_ATTEST).hasNotPassed(EVENT_DRIFT_DETECTED);
    assertThat(task(instance)).hasCandidateGroup("security-officer");
    assertThat(task(instance).getPriority()).isEqualTo(50);
    assertThat(instance)
        .variables()
        .containsEntry(VAR_DRIFT_DETECTED, false)
        .containsEntry(VAR_DRIFT_COUNT, 0);
    String findings = (String) runtime.getVariable(instance.getId(), VAR_FINDINGS);
    assertThat(findings)
        .startsWith("No drift")
        .containsPattern("Checked [1-9][0-9]* live and [1-9][0-9]* destroyed version\\(s\\)");
    String roles = (String) runtime.getVariable(instance.getId(), VAR_ROLE_HOLDERS);
    assertThat(roles)
        .contains("security-officer: bob, carol")
        .contains("security-engineering: alice")
        .contains("camunda-admin: admin")
        .contains("GRANT ProcessDefinition KeyStorageAttestation CREATE_INSTANCE");
    assertThat(ledger("KEY_STORAGE_DRIFT_DETECTED", instance.getId())).isZero();

    attest("carol", instance, null);

    assertThat(instance).isEnded().hasPassed(TASK_RECORD, END_ATTESTED);
    String digest =
        (String)
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(VAR_FINDINGS_DIGEST)
                .singleResult()
                .getValue();
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT findings, findings_sha256, attested_by, drift_count FROM storage_attestation WHERE process_instance_id = ?",
            instance.getId());
    assertThat(row.get("findings_sha256")).isEqualTo(digest);
    assertThat(sha256(String.valueOf(row.get("findings")))).isEqualTo(digest);
    assertThat(row.get("attested_by")).isEqualTo("carol");
    String details =
        jdbc.queryForObject(
            "SELECT details FROM ledger_entry WHERE action = 'KEY_STORAGE_ATTESTED' AND process_instance_id = ?",
            String.class,
            instance.getId());
    assertThat(details)
        .contains("\"findingsSha256\":\"" + digest + "\"")
        .contains("\"driftCount\":0");
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM ledger_entry WHERE action = 'KEY_STORAGE_ATTESTED' AND process_instance_id = ?",
                String.class,
                instance.getId()))
        .isEqualTo("carol");
  }

  @Test
  void driftIsLedgeredWhenFoundFlaggedAndCannotBeAttestedWithoutAComment() {
    KeyVersion missing = key(false);
    KeyVersion swapped = key(true);
    KeyVersion loosened = key(false);
    KeyVersion notErased = key(false);
    List<VaultObject> objects = new ArrayList<>(inventoryAsVaultObjects());
    objects.removeIf(o -> o.id().equals(missing.hsmKeyId().toString()));
    objects.removeIf(
        o ->
            o.id().equals(swapped.hsmKeyId().toString())
                || o.id().equals(loosened.hsmKeyId().toString()));
    objects.add(object(swapped, swapped.provenance(), "ffffff"));
    objects.add(
        object(
            loosened,
            new Provenance(true, true, true, true, false, "CKM_AES_KEY_GEN"),
            loosened.kcv()));
    objects.add(
        new VaultObject(
            UUID.randomUUID().toString(),
            "planted",
            "SECRET_KEY",
            "AES",
            new Provenance(false, true, false, true, false, "CKM_AES_KEY_GEN"),
            "123456",
            KeyRole.DATA_ENCRYPTION.usage("SECRET_KEY")));
    jdbc.update(
        "UPDATE key_version SET state = 'DESTROYED', destroyed_at = CURRENT_TIMESTAMP WHERE id = ?",
        notErased.id().toString());
    when(vault.list()).thenReturn(objects);

    ProcessInstance instance = requestAttestation("alice");
    execute(job(instance));

    assertThat(instance).isWaitingAt(TASK_ATTEST).hasPassed(EVENT_DRIFT_DETECTED);
    assertThat(instance)
        .variables()
        .containsEntry(VAR_DRIFT_DETECTED, true)
        .containsEntry(VAR_DRIFT_COUNT, 5);
    assertThat(task(instance).getPriority()).isEqualTo(100);
    String findings = (String) runtime.getVariable(instance.getId(), VAR_FINDINGS);
    assertThat(findings)
        .startsWith("DRIFT DETECTED: 5 finding(s)")
        .contains("[DRIFT] MISSING " + keys.findById(missing.keyId()).orElseThrow().alias())
        .contains("[DRIFT] KCV_MISMATCH")
        .contains("[DRIFT] ATTRIBUTES_DRIFTED")
        .contains("[DRIFT] NOT_ERASED")
        .contains("[DRIFT] UNKNOWN_OBJECT object");
    assertThat(ledger("KEY_STORAGE_DRIFT_DETECTED", instance.getId()))
        .as("4 versions + 1 for unknown objects")
        .isEqualTo(5);

    assertThatThrownBy(() -> attest("bob", instance, null))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Drift was found");
    assertThatThrownBy(() -> attest("alice", instance, "looks fine to me"))
        .isInstanceOf(AuthorizationException.class);
    assertThat(instance).isWaitingAt(TASK_ATTEST);
    assertThat(ledger("KEY_STORAGE_ATTESTED", instance.getId())).isZero();

    attest(
        "bob",
        instance,
        "INC-4711 opened; HSM team restores the missing key from backup and destroys the planted one");
    assertThat(instance).isEnded().hasPassed(END_ATTESTED);
    assertThat(instance).variables().containsEntry(VAR_ATTESTED_BY, "bob");
    String details =
        jdbc.queryForObject(
            "SELECT details FROM ledger_entry WHERE action = 'KEY_STORAGE_ATTESTED' AND process_instance_id = ?",
            String.class,
            instance.getId());
    assertThat(details).contains("\"driftCount\":5").contains("INC-4711");
  }

  @Test
  void officersAndEngineersStartAnAttestationOnDemandAuditorsDoNot() {
    when(vault.list()).thenReturn(inventoryAsVaultObjects());
    assertThat(requestAttestation("alice")).isWaitingAt(TASK_RECONCILE);
    assertThat(requestAttestation("carol")).isWaitingAt(TASK_RECONCILE);
    assertThatThrownBy(() -> requestAttestation("dave")).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void theRequesterIsTheAuthenticatedStarterNotAStartVariable() {
    ProcessInstance instance =
        start(PROCESS_KEY, "alice", new HashMap<>(Map.of(VAR_REQUESTED_BY, "bob")));
    assertThat(instance).variables().containsEntry(VAR_REQUESTED_BY, "alice");
  }

  @Test
  void theMonthlyScheduleStartsAnAttestationAsTheSchedulePrincipal() {
    when(vault.list()).thenReturn(inventoryAsVaultObjects());
    var timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processDefinitionKey(StorageAttestationScheduleProcess.PROCESS_KEY)
            .timers()
            .singleResult();
    assertThat(timer).as("the schedule's timer start job").isNotNull();
    engine.getManagementService().executeJob(timer.getId());

    ProcessInstance attestation =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .active()
            .list()
            .stream()
            .filter(
                p -> SCHEDULE_PRINCIPAL.equals(runtime.getVariable(p.getId(), VAR_REQUESTED_BY)))
            .findFirst()
            .orElseThrow();
    assertThat(attestation).isWaitingAt(TASK_RECONCILE);
    execute(job(attestation));
    attest("carol", attestation, null);
    assertThat(attestation).isEnded().hasPassed(END_ATTESTED);
    assertThat(
            jdbc.queryForObject(
                "SELECT requested_by FROM storage_attestation WHERE process_instance_id = ?",
                String.class,
                attestation.getId()))
        .isEqualTo(SCHEDULE_PRINCIPAL);
  }

  @Test
  void anUnreachableVaultRetriesThenBecomesAnIncident() {
    when(vault.list()).thenThrow(new KeyVaultException.Unavailable("HSM unreachable", null));
    ProcessInstance instance = requestAttestation("bob");
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> execute(job(instance)))
          .isInstanceOf(KeyVaultException.Unavailable.class);
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
    assertThat(instance).isWaitingAt(TASK_RECONCILE);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM storage_attestation WHERE process_instance_id = ?",
                Integer.class,
                instance.getId()))
        .isZero();
  }

  @Test
  void everyFindingChangedAtTheAttestationIsRefusedAndNothingChanges() {
    key(false);
    when(vault.list()).thenReturn(inventoryAsVaultObjects());
    ProcessInstance instance = requestAttestation("bob");
    execute(job(instance));
    assertThat(instance).isWaitingAt(TASK_ATTEST);

    var tried =
        assertEveryRequestFieldIsRefusedAtCompletion(
            instance, "carol", Map.of(VAR_COMMENT, "reviewed"));
    assertThat(tried)
        .contains(
            VAR_REQUESTED_BY,
            VAR_REASON,
            VAR_FINDINGS,
            VAR_FINDINGS_DIGEST,
            VAR_DRIFT_DETECTED,
            VAR_DRIFT_COUNT,
            VAR_ROLE_HOLDERS);
    assertThatThrownBy(
            () -> attestWith("carol", instance, Map.of(VAR_COMMENT, "reviewed", "approved", true)))
        .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
        .hasMessageContaining("'approved'");
    assertThat(instance).isWaitingAt(TASK_ATTEST);
  }

  private void attestWith(String officer, ProcessInstance instance, Map<String, Object> variables) {
    completeAs(officer, task(instance).getId(), variables);
  }
}
