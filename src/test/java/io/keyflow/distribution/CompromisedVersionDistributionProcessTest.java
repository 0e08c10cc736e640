package io.keyflow.distribution;

import static io.keyflow.distribution.KeyDistributionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.keyflow.compromise.KeyCompromiseProcess;
import io.keyflow.distribution.DistributionFixtures.Registered;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.recipient.RecipientRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A compromise report seen from distribution: held packages withdrawn, holders told and sent the
 * replacement.
 */
class CompromisedVersionDistributionProcessTest extends ProcessTestBase {

  private static final byte[] WRAPPED = "wrapped-under-the-recipient-key".getBytes();

  @Autowired KeyRepository keys;
  @Autowired RecipientRegistry registry;
  @Autowired RecipientHoldings holdings;
  @Autowired PackagePickup pickup;
  @Autowired DistributionService distribution;
  @Autowired TransactionTemplate transactions;
  DistributionFixtures fixtures;

  @BeforeEach
  void vaultWrapsAndGenerates() {
    fixtures = new DistributionFixtures(keys, registry, transactions);
    LifecycleFixtures.fakeVault(vault);
    when(vault.preferredOaepHash()).thenReturn(OaepHash.SHA256);
    when(vault.wrapForRecipient(any(), any(), any()))
        .thenAnswer(
            call ->
                new WrappedKey(
                    call.getArgument(0),
                    "RSA-OAEP-SHA256",
                    WRAPPED,
                    keys.findVersion((UUID) call.getArgument(0)).orElseThrow().kcv()));
  }

  private ProcessInstance held(ProcessInstance instance) {
    decide("bob", instance, true, null);
    execute(job(instance));
    assertThat(instance).isWaitingAt(TASK_HOLD_FOR_PICKUP);
    return instance;
  }

  private ProcessInstance requestDistribution(String alias, Registered recipient) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, alias);
    variables.put(VAR_RECIPIENT, recipient.name());
    return held(start(PROCESS_KEY, "alice", variables));
  }

  private UUID packageId(ProcessInstance instance) {
    return UUID.fromString(
        (String)
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(VAR_PACKAGE_ID)
                .singleResult()
                .getValue());
  }

  private PackageDelivery pickUp(UUID packageId, Registered recipient) {
    return pickup.pickUp(
        packageId, recipient.identity().certificate(), "TLSv1.3", "TLS_AES_256_GCM_SHA384");
  }

  @Test
  void aReportWithdrawsHeldPackagesAndAConfirmationTellsAndResuppliesTheHolders() {
    String alias = DistributionFixtures.unique("leaked");
    KeyVersion v1 = fixtures.exportableKey(alias);
    Registered holder =
        fixtures.recipient(DistributionFixtures.unique("holder"), Environment.PRODUCTION);
    Registered waiting =
        fixtures.recipient(DistributionFixtures.unique("waiting"), Environment.PRODUCTION);
    pickUp(packageId(requestDistribution(alias, holder)), holder);
    UUID pending = packageId(requestDistribution(alias, waiting));

    Map<String, Object> report = new HashMap<>();
    report.put(KeyCompromiseProcess.VAR_ALIAS, alias);
    report.put(KeyCompromiseProcess.VAR_VERSIONS, "all");
    report.put(KeyCompromiseProcess.VAR_REASON, "Wrapped package copied from a jump host");
    ProcessInstance compromise = start(KeyCompromiseProcess.PROCESS_KEY, "alice", report);

    assertThat(compromise)
        .variables()
        .containsEntry(KeyCompromiseProcess.VAR_PACKAGES_WITHDRAWN, 1)
        .containsEntry(KeyCompromiseProcess.VAR_RECIPIENTS_HOLDING, holder.name());
    DistributionPackage withdrawn = distribution.find(pending).orElseThrow();
    assertThat(withdrawn.state()).isEqualTo(PackageState.WITHDRAWN);
    assertThat(withdrawn.wrappedKey()).as("erased").isNull();
    assertThatThrownBy(() -> pickUp(pending, waiting))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.GONE))
        .hasMessageContaining(
            "withdrawn because key version 1 of '" + alias + "' was reported compromised");
    assertThat(ledgerCount("KEY_DISTRIBUTION_WITHDRAWN", alias)).isEqualTo(1);

    decide("bob", compromise, true, "Confirmed: the package was copied");
    assertThat(ledgerCount("KEY_COMPROMISE_HOLDER_NOTIFIED", alias)).isEqualTo(1);
    execute(job(compromise));

    KeyVersion v2 = keys.findVersion(v1.keyId(), 2).orElseThrow();
    assertThat(v2.state()).isEqualTo(KeyState.ACTIVE);
    ProcessInstance redistribution =
        runtime
            .createProcessInstanceQuery()
            .superProcessInstanceId(compromise.getId())
            .singleResult();
    assertThat(redistribution)
        .isWaitingAt(TASK_APPROVE)
        .variables()
        .containsEntry(VAR_RECIPIENT, holder.name())
        .containsEntry(VAR_VERSION_ID, v2.id().toString())
        .containsEntry(VAR_REQUESTED_BY, "alice");
    held(redistribution);
    pickUp(packageId(redistribution), holder);

    assertThat(holdings.recipientsHolding(v2.id())).containsExactly(holder.name());
    assertThat(compromise).isWaitingAt(KeyCompromiseProcess.EVENT_RE_ENCRYPTION_WINDOW);
  }

  @Test
  void aReportedRecipientHasEveryKeyVersionItHoldsContainedInOneReportPerKey() {
    String first = DistributionFixtures.unique("held-a");
    String second = DistributionFixtures.unique("held-b");
    KeyVersion a = fixtures.exportableKey(first);
    KeyVersion b = fixtures.exportableKey(second);
    Registered leaked =
        fixtures.recipient(DistributionFixtures.unique("leaked"), Environment.PRODUCTION);
    pickUp(packageId(requestDistribution(first, leaked)), leaked);
    pickUp(packageId(requestDistribution(second, leaked)), leaked);

    Map<String, Object> report = new HashMap<>();
    report.put(KeyCompromiseProcess.VAR_RECIPIENT, leaked.name());
    report.put(
        KeyCompromiseProcess.VAR_REASON,
        "The recipient's private key was in a leaked container image");
    ProcessInstance byRecipient = start(KeyCompromiseProcess.PROCESS_KEY, "alice", report);

    assertThat(byRecipient)
        .isEnded()
        .hasPassed(KeyCompromiseProcess.END_HELD_KEYS_REPORTED)
        .hasNotPassed(KeyCompromiseProcess.TASK_CONTAIN);
    assertThat(keys.findVersion(a.id()).orElseThrow().state()).isEqualTo(KeyState.COMPROMISED);
    assertThat(keys.findVersion(b.id()).orElseThrow().state()).isEqualTo(KeyState.COMPROMISED);
    for (String alias : java.util.List.of(first, second)) {
      ProcessInstance perKey =
          runtime
              .createProcessInstanceQuery()
              .processDefinitionKey(KeyCompromiseProcess.PROCESS_KEY)
              .processInstanceBusinessKey(alias)
              .singleResult();
      assertThat(perKey)
          .isWaitingAt(KeyCompromiseProcess.TASK_CONFIRM)
          .variables()
          .containsEntry(KeyCompromiseProcess.VAR_REQUESTED_BY, "alice")
          .containsEntry(KeyCompromiseProcess.VAR_CONTAINED_VERSIONS, "1");
      assertThat(ledgerCount("KEY_COMPROMISED", alias)).isEqualTo(1);
    }

    ProcessInstance again = start(KeyCompromiseProcess.PROCESS_KEY, "alice", report);
    assertThat(again).isEnded().hasPassed(KeyCompromiseProcess.END_REFUSED);
    report.put(KeyCompromiseProcess.VAR_RECIPIENT, "nobody-" + UUID.randomUUID());
    ProcessInstance unknown = start(KeyCompromiseProcess.PROCESS_KEY, "alice", report);
    assertThat(unknown).isEnded().hasPassed(KeyCompromiseProcess.END_REFUSED);
    assertThat(ledgerCount("KEY_COMPROMISED", first)).isEqualTo(1);
  }
}
