package io.keyflow.access;

import static io.keyflow.access.KeyAccessGrantProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.KeyAccessEnded;
import io.keyflow.ledger.details.KeyAccessGranted;
import io.keyflow.ledger.details.KeyUseRefused;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Refusal;
import io.keyflow.support.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The KeyAccessGrant process on H2: four-eyes (the requester and the system's owner never decide),
 * every request refusal, the grant checked at the moment of use, its expiry timer and every early
 * end (revocation, system revoked, key destroyed), key groups and the batched usage counts.
 */
class KeyAccessGrantProcessTest extends ProcessTestBase {

  @Autowired KeyRepository keyRepository;
  @Autowired Keys keys;
  @Autowired RecipientRegistry registry;
  @Autowired KeyAccess keyAccess;
  @Autowired Grants grants;
  @Autowired KeyGroups groups;
  @Autowired GrantUsage usage;
  @Autowired KeyUsageCounters counters;
  @Autowired ManagementService management;
  @Autowired Ledger ledger;

  ManagedKey key;
  String system;
  LifecycleFixtures.FakeVault fake;

  @BeforeEach
  void aKeyAndASystem() {
    fake = LifecycleFixtures.fakeVault(vault);
    key =
        LifecycleFixtures.activeKey(
            keyRepository,
            fake,
            LifecycleFixtures.alias("orders"),
            KeyPurpose.DATA_AT_REST,
            Instant.now());
    system = register("orders-app", Environment.PRODUCTION, "dave");
  }

  private String register(String prefix, Environment environment, String owner) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    TestCertificates.Identity identity =
        TestCertificates.selfSigned(name, TestCertificates.rsa("system", 3072));
    registry.register(
        new RecipientRegistry.Registration(
            name,
            environment.name(),
            identity.certificatePem(),
            null,
            null,
            null,
            owner,
            "test system"),
        "bob");
    return name;
  }

  private ProcessInstance request(Consumer<Map<String, Object>> changes) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_SYSTEM, system);
    variables.put(VAR_ALIAS, key.alias());
    variables.put(VAR_OPERATIONS, "encrypt");
    variables.put(VAR_DURATION, "P30D");
    variables.put(VAR_JUSTIFICATION, "Orders are encrypted at rest");
    changes.accept(variables);
    variables.values().removeIf(v -> v == null);
    return start(PROCESS_KEY, "alice", variables);
  }

  private ProcessInstance requestAndApprove() {
    ProcessInstance instance = request(v -> {});
    decide("bob", instance, true, null);
    return instance;
  }

  private UUID grantId(ProcessInstance instance) {
    return UUID.fromString(
        (String)
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(VAR_GRANT_ID)
                .singleResult()
                .getValue());
  }

  private List<LedgerEntry> entries(ProcessInstance instance, LedgerAction action) {
    return ledger.entriesForProcessInstance(instance.getId()).stream()
        .filter(e -> e.is(action))
        .toList();
  }

  private void use(AccessOperation operation) {
    keyAccess.require(system, key.alias(), operation);
  }

  @Test
  void aGrantApprovedByAnotherOfficerLetsTheSystemEncryptUntilItExpires() {
    Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(requestedAt));
    assertThatThrownBy(() -> use(AccessOperation.ENCRYPT))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("holds no live grant to encrypt with key '" + key.alias() + "'");

    ProcessInstance instance = request(v -> {});
    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(task(instance).getName())
        .isEqualTo("Approve access of " + system + " to " + key.alias());
    assertThat(task(instance)).hasCandidateGroup("security-officer");
    assertThatThrownBy(() -> completeAs("alice", task(instance).getId(), Map.of("approved", true)))
        .isInstanceOf(AuthorizationException.class);
    decide("bob", instance, true, null);

    assertThat(instance)
        .isWaitingAt(TASK_ACTIVE)
        .variables()
        .containsEntry(VAR_EXPIRES_AT, requestedAt.plus(Duration.ofDays(30)).toString());
    use(AccessOperation.ENCRYPT);
    assertThatThrownBy(() -> use(AccessOperation.DECRYPT))
        .as("only the operations granted")
        .isInstanceOf(Refusal.class)
        .extracting(e -> ((Refusal) e).kind())
        .isEqualTo(Refusal.Kind.NOT_GRANTED);
    KeyAccessGranted granted =
        entries(instance, LedgerAction.KEY_ACCESS_GRANTED).get(0).details(KeyAccessGranted.class);
    assertThat(granted.requestSeq())
        .isEqualTo(entries(instance, LedgerAction.KEY_ACCESS_REQUESTED).get(0).seq());
    assertThat(granted.approvalSeqs())
        .containsExactly(entries(instance, LedgerAction.KEY_ACCESS_APPROVED).get(0).seq());
    assertThat(granted.approvedBy()).containsExactly("bob");
    assertThat(grants.find(grantId(instance)).orElseThrow().state()).isEqualTo(GrantState.ACTIVE);

    Job timeUp =
        management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timeUp.getDuedate()).isEqualTo(Date.from(requestedAt.plus(Duration.ofDays(30))));
    ClockUtil.setCurrentTime(Date.from(requestedAt.plus(Duration.ofDays(31))));
    assertThatThrownBy(() -> use(AccessOperation.ENCRYPT))
        .as("past its expiry, before the timer ran")
        .isInstanceOf(Refusal.class);
    execute(timeUp);

    assertThat(instance).isEnded().hasPassed(TASK_EXPIRE, END_EXPIRED);
    assertThat(grants.find(grantId(instance)).orElseThrow().state()).isEqualTo(GrantState.EXPIRED);
    assertThat(entries(instance, LedgerAction.KEY_ACCESS_EXPIRED)).hasSize(1);
  }

  @Test
  void theOwnerOfTheSystemCannotApproveItsGrantAnotherOfficerCan() {
    system = register("owned", Environment.PRODUCTION, "bob");
    ProcessInstance instance = request(v -> {});

    assertThatThrownBy(() -> decide("bob", instance, true, null))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("bob owns system '" + system + "'");
    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(entries(instance, LedgerAction.KEY_ACCESS_APPROVED)).isEmpty();

    decide("carol", instance, true, null);
    assertThat(instance).isWaitingAt(TASK_ACTIVE);
    use(AccessOperation.ENCRYPT);
  }

  @Test
  void aRejectedRequestGrantsNothing() {
    ProcessInstance instance = request(v -> {});
    decide("bob", instance, false, "Not needed: orders use the archive key");

    assertThat(instance).isEnded().hasPassed(TASK_CLOSE_REJECTED, END_REJECTED);
    assertThat(grants.find(grantId(instance)).orElseThrow().state()).isEqualTo(GrantState.REJECTED);
    assertThatThrownBy(() -> use(AccessOperation.ENCRYPT)).isInstanceOf(Refusal.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown system | system | nobody-here | No registered system 'nobody-here'",
        "bad system name | system | no such/system | name must be 1 to 64 characters",
        "unknown key | alias | no-such-key | No key with alias 'no-such-key'",
        "unknown group | keyGroup | no-such-group | No key group 'no-such-group'",
        "a data key never wraps | operations | encrypt,wrap | cannot wrap",
        "an unknown operation | operations | encrypt,teleport | 'teleport' is not an operation",
        "zero duration | duration | PT0S | duration must be positive",
        "negative duration | duration | -P1D | duration must be positive",
        "above the maximum | duration | P366D | longer than the longest grant, PT8760H",
        "not ISO-8601 | duration | 30 days | is not an ISO-8601 duration",
        "no justification | justification | '' | justification is required",
      })
  void aBadRequestIsRefusedAndRecordedAndGrantsNothing(
      String what, String variable, String value, String reason) {
    ProcessInstance instance =
        request(
            v -> {
              if (variable.equals(VAR_KEY_GROUP)) {
                v.remove(VAR_ALIAS);
              }
              v.put(variable, value == null ? "" : value);
            });

    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat(
            (String)
                engine
                    .getHistoryService()
                    .createHistoricVariableInstanceQuery()
                    .processInstanceId(instance.getId())
                    .variableName(VAR_REFUSAL_REASON)
                    .singleResult()
                    .getValue())
        .contains(reason);
    assertThat(entries(instance, LedgerAction.KEY_ACCESS_REFUSED)).hasSize(1);
    assertThat(entries(instance, LedgerAction.KEY_ACCESS_REQUESTED)).isEmpty();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM key_access_grant WHERE process_instance_id = ?",
                Integer.class,
                instance.getId()))
        .isZero();
  }

  @Test
  void aRevokedSystemAKeyOfAnotherEnvironmentAndExportOfANonExportableKeyAreRefused() {
    String revoked = register("revoked", Environment.PRODUCTION, null);
    registry.revoke(revoked, "Decommissioned", "bob");
    assertThat(refusal(request(v -> v.put(VAR_SYSTEM, revoked)))).contains("is revoked");

    String testSystem = register("test-app", Environment.TEST, null);
    assertThat(refusal(request(v -> v.put(VAR_SYSTEM, testSystem))))
        .contains("keys never cross environments");

    ManagedKey sealed = nonExportableKey();
    assertThat(
            refusal(
                request(
                    v -> {
                      v.put(VAR_ALIAS, sealed.alias());
                      v.put(VAR_OPERATIONS, "get");
                    })))
        .contains("is not exportable");
    assertThat(refusal(request(v -> v.put(VAR_OPERATIONS, "sign"))))
        .contains("DATA_AT_REST key and cannot sign");
  }

  private String refusal(ProcessInstance instance) {
    assertThat(instance).isEnded().hasPassed(END_REFUSED);
    assertThat(entries(instance, LedgerAction.KEY_ACCESS_REFUSED)).hasSize(1);
    return (String)
        engine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .variableName(VAR_REFUSAL_REASON)
            .singleResult()
            .getValue();
  }

  private ManagedKey nonExportableKey() {
    KeyPolicy policy = KeyPolicy.defaults(KeyPurpose.DATA_AT_REST);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ManagedKey sealed =
        new ManagedKey(
            UUID.randomUUID(),
            LifecycleFixtures.alias("sealed"),
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            false,
            policy.encryptPeriod(),
            policy.retention(),
            "fixture",
            null,
            now,
            Environment.PRODUCTION);
    keyRepository.insert(sealed);
    UUID versionId = UUID.randomUUID();
    keyRepository.insert(
        KeyVersion.activated(
            versionId,
            sealed.id(),
            1,
            "mock",
            "keyflow/" + sealed.alias() + "/v1",
            "a1b2c3",
            LifecycleFixtures.provenance(),
            now,
            policy.encryptPeriod(),
            "alice",
            "bob",
            null));
    keyRepository.setPrimaryVersion(sealed.id(), versionId);
    return sealed;
  }

  @Test
  void anOfficersRevocationStopsTheNextUseAtOnceAndEndsTheProcess() {
    ProcessInstance instance = requestAndApprove();
    use(AccessOperation.ENCRYPT);

    assertThatThrownBy(() -> grants.revoke(grantId(instance), " ", "carol"))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("reason is required");
    actAs("carol"); // as the REST call would be: the end is correlated by Keyflow, not carol
    try {
      grants.revoke(grantId(instance), "Orders moved to the new platform", "carol");
    } finally {
      identity.clearAuthentication();
    }

    assertThatThrownBy(() -> use(AccessOperation.ENCRYPT)).isInstanceOf(Refusal.class);
    assertThat(instance).isEnded().hasPassed(END_ENDED);
    KeyAccessEnded ended =
        entries(instance, LedgerAction.KEY_ACCESS_REVOKED).get(0).details(KeyAccessEnded.class);
    assertThat(ended.reason()).isEqualTo("Orders moved to the new platform");
    assertThat(ended.cause()).isEqualTo("revocation");
    assertThatThrownBy(() -> grants.revoke(grantId(instance), "again", "carol"))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("REVOKED already");
  }

  @Test
  void revokingTheSystemEndsAllItsGrants() {
    ProcessInstance instance = requestAndApprove();
    registry.revoke(system, "Compromised host", "carol");

    assertThatThrownBy(() -> use(AccessOperation.ENCRYPT)).isInstanceOf(Refusal.class);
    assertThat(instance).isEnded().hasPassed(END_ENDED);
    assertThat(grants.find(grantId(instance)).orElseThrow().state()).isEqualTo(GrantState.ENDED);
    assertThat(
            entries(instance, LedgerAction.KEY_ACCESS_ENDED)
                .get(0)
                .details(KeyAccessEnded.class)
                .cause())
        .isEqualTo("system-revoked");
  }

  @Test
  void destroyingTheKeysLastVersionEndsEveryGrantOnIt() {
    ProcessInstance instance = requestAndApprove();
    KeyVersion v1 = keys.findVersion(key.primaryVersionId()).orElseThrow();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    KeyVersion deactivated = v1.deactivate(now.minus(Duration.ofDays(2)), Duration.ofDays(1));
    keys.recordTransition(deactivated);
    assertThat(instance).as("a deactivated version still decrypts").isWaitingAt(TASK_ACTIVE);
    keys.recordTransition(deactivated.destroy(now));

    assertThat(instance).isEnded().hasPassed(END_ENDED);
    assertThat(
            entries(instance, LedgerAction.KEY_ACCESS_ENDED)
                .get(0)
                .details(KeyAccessEnded.class)
                .cause())
        .isEqualTo("key-destroyed");
  }

  @Test
  void aGrantOnAKeyGroupCoversTheKeysAnOfficerAddsAndNotTheOnesRemoved() {
    String group = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    assertThatThrownBy(() -> groups.create(group, "moon", null, "bob"))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("environment must be PRODUCTION or TEST");
    groups.create(group, "PRODUCTION", "Order keys", "bob");
    groups.add(group, key.alias(), "bob");
    ProcessInstance instance =
        request(
            v -> {
              v.remove(VAR_ALIAS);
              v.put(VAR_KEY_GROUP, group);
            });
    assertThat(task(instance).getName()).isEqualTo("Approve access of " + system + " to @" + group);
    decide("bob", instance, true, null);
    use(AccessOperation.ENCRYPT);

    ManagedKey second =
        LifecycleFixtures.activeKey(
            keyRepository,
            fake,
            LifecycleFixtures.alias("orders2"),
            KeyPurpose.DATA_AT_REST,
            Instant.now());
    assertThatThrownBy(() -> keyAccess.require(system, second.alias(), AccessOperation.ENCRYPT))
        .isInstanceOf(Refusal.class);
    groups.add(group, second.alias(), "bob");
    keyAccess.require(system, second.alias(), AccessOperation.ENCRYPT);
    assertThat(ledgerCount("KEY_GROUP_KEY_ADDED", second.alias())).isEqualTo(1);

    groups.remove(group, key.alias(), "carol");
    assertThatThrownBy(() -> use(AccessOperation.ENCRYPT)).isInstanceOf(Refusal.class);
    keyAccess.require(system, second.alias(), AccessOperation.ENCRYPT);
  }

  @Test
  void usesAreCountedInBatchesAndRefusalsReachTheLedgerOncePerMinute() {
    ProcessInstance instance = requestAndApprove();
    Instant at = ClockUtil.getCurrentTime().toInstant();
    use(AccessOperation.ENCRYPT);
    use(AccessOperation.ENCRYPT);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> use(AccessOperation.DECRYPT)).isInstanceOf(Refusal.class);
    }
    counters.flush(Instant.MAX);

    Grant grant = grants.find(grantId(instance)).orElseThrow();
    List<GrantUsage.Line> lines = usage.of(grant);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).uses()).isEqualTo(2);
    assertThat(lines.get(0).lastUse()).isAfterOrEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
    assertThat(usage.ofKey(key.alias()))
        .anySatisfy(
            line -> {
              assertThat(line.operation()).isEqualTo("decrypt");
              assertThat(line.refusals()).isEqualTo(3);
              assertThat(line.uses()).isZero();
            });
    List<LedgerEntry> refused =
        ledger.entriesForKeyAlias(key.alias()).stream()
            .filter(e -> e.is(LedgerAction.KEY_USE_REFUSED))
            .toList();
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).details(KeyUseRefused.class).count()).isEqualTo(3);
    assertThat(refused.get(0).details(KeyUseRefused.class).system()).isEqualTo(system);
  }
}
