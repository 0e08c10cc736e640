package io.keyflow.distribution;

import static io.keyflow.distribution.KeyDistributionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.keyflow.distribution.DistributionFixtures.Registered;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.KeyWrapped;
import io.keyflow.lifecycle.ProcessTestBase;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.support.TestCertificates;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class KeyDistributionProcessTest extends ProcessTestBase {

  /**
   * What the mocked HSM returns as "wrapped" bytes: never the key, and not what a real wrap looks
   * like.
   */
  private static final byte[] WRAPPED = "wrapped-under-the-recipient-key".getBytes();

  @Autowired KeyRepository keys;
  @Autowired RecipientRegistry registry;
  @Autowired RecipientHoldings holdings;
  @Autowired PackagePickup pickup;
  @Autowired DistributionService distribution;
  @Autowired Ledger ledger;
  @Autowired TransactionTemplate transactions;
  DistributionFixtures fixtures;

  @BeforeEach
  void vaultWraps() {
    fixtures = new DistributionFixtures(keys, registry, transactions);
    when(vault.preferredOaepHash()).thenReturn(OaepHash.SHA256);
    when(vault.wrapForRecipient(any(), any(), any()))
        .thenAnswer(
            call ->
                new WrappedKey(
                    call.getArgument(0), "RSA-OAEP-SHA256", WRAPPED, DistributionFixtures.KCV));
    when(vault.wrapUnderKek(any(), any()))
        .thenAnswer(
            call ->
                new WrappedKey(call.getArgument(0), "AES-KWP", WRAPPED, DistributionFixtures.KCV));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private ProcessInstance request(String user, String alias, String recipient) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_ALIAS, alias);
    variables.put(VAR_RECIPIENT, recipient);
    return start(PROCESS_KEY, user, variables);
  }

  /** Requested by alice, approved by bob, wrapped: the package waits for pickup. */
  private ProcessInstance heldFor(String alias, Registered recipient) {
    ProcessInstance instance = request("alice", alias, recipient.name());
    decide("bob", instance, true, null);
    execute(job(instance));
    assertThat(instance).isWaitingAt(TASK_HOLD_FOR_PICKUP);
    return instance;
  }

  private UUID packageId(ProcessInstance instance) {
    return UUID.fromString((String) variable(instance, VAR_PACKAGE_ID));
  }

  private PackageDelivery pickUp(ProcessInstance instance, Registered recipient) {
    return pickup.pickUp(
        packageId(instance),
        recipient.identity().certificate(),
        "TLSv1.3",
        "TLS_AES_256_GCM_SHA384");
  }

  private Object variable(ProcessInstance instance, String name) {
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
  void theWrappedEntryCitesTheRequestAndTheApprovalItWasWrappedOn() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);

    ProcessInstance instance = heldFor(alias, app);

    List<LedgerEntry> entries = ledger.entriesForProcessInstance(instance.getId());
    LedgerEntry requested = only(entries, LedgerAction.KEY_DISTRIBUTION_REQUESTED);
    LedgerEntry approved = only(entries, LedgerAction.KEY_DISTRIBUTION_APPROVED);
    KeyWrapped wrapped = only(entries, LedgerAction.KEY_WRAPPED).details(KeyWrapped.class);
    assertThat(wrapped.requestSeq()).isEqualTo(requested.seq());
    assertThat(wrapped.approvalSeqs()).containsExactly(approved.seq());
    assertThat(wrapped.approvedBy()).isEqualTo("bob");
  }

  private static LedgerEntry only(List<LedgerEntry> entries, LedgerAction action) {
    List<LedgerEntry> found = entries.stream().filter(e -> e.is(action)).toList();
    assertThat(found).as(action.name()).hasSize(1);
    return found.get(0);
  }

  @Test
  void approvedDistributionIsWrappedForTheRecipientHeldAndPickedUpOnceWithAReceipt() {
    String alias = DistributionFixtures.unique("dist");
    KeyVersion version = fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);

    ProcessInstance instance = request("alice", alias, app.name());
    assertThat(instance).isWaitingAt(TASK_APPROVE).hasBusinessKey(alias);
    assertThat(task(instance)).hasCandidateGroup("security-officer");
    assertThat(instance)
        .variables()
        .containsEntry(VAR_VERSION_ID, version.id().toString())
        .containsEntry(VAR_VERSION_NUMBER, 1)
        .containsEntry(VAR_KCV, DistributionFixtures.KCV)
        .containsEntry(VAR_RECIPIENT_ENVIRONMENT, "PRODUCTION")
        .containsEntry(VAR_RECIPIENT_CERTIFICATE, app.identity().sha256())
        .containsEntry(VAR_WRAPPING, "RSA-3072 (OAEP)")
        .containsEntry(VAR_MECHANISM, "RSA-OAEP-SHA-256")
        .containsEntry(VAR_REQUESTED_BY, "alice");
    assertThat(ledgerCount("KEY_DISTRIBUTION_REQUESTED", alias)).isEqualTo(1);

    decide("bob", instance, true, null);
    assertThat(instance).isWaitingAt(TASK_WRAP);
    execute(job(instance));
    assertThat(instance).isWaitingAt(TASK_HOLD_FOR_PICKUP);

    ArgumentCaptor<java.security.PublicKey> wrappingKey =
        ArgumentCaptor.forClass(java.security.PublicKey.class);
    verify(vault)
        .wrapForRecipient(eq(version.hsmKeyId()), wrappingKey.capture(), eq(OaepHash.SHA256));
    assertThat(((RSAPublicKey) wrappingKey.getValue()).getModulus())
        .isEqualTo(((RSAPublicKey) app.identity().keyPair().getPublic()).getModulus());
    DistributionPackage held = distribution.find(packageId(instance)).orElseThrow();
    assertThat(held.state()).isEqualTo(PackageState.HELD);
    assertThat(held.wrappedKey()).isEqualTo(Base64.getEncoder().encodeToString(WRAPPED));
    assertThat(held.mechanism()).isEqualTo("RSA-OAEP");
    assertThat(held.oaepHash()).isEqualTo("SHA-256");
    assertThat(held.approvedBy()).isEqualTo("bob");
    assertThat(held.expiresAt()).isEqualTo(held.createdAt().plus(Duration.ofDays(7)));
    assertThat(held.toString()).doesNotContain(held.wrappedKey());
    assertThat(ledgerCount("KEY_WRAPPED", alias)).isEqualTo(1);
    assertThat(holdings.recipientsHolding(version.id())).isEmpty();

    PackageDelivery delivery = pickUp(instance, app);
    assertThat(delivery.wrappedKey()).isEqualTo(Base64.getEncoder().encodeToString(WRAPPED));
    assertThat(delivery.kcv()).isEqualTo(DistributionFixtures.KCV);
    assertThat(delivery.wrapping().mechanism()).isEqualTo("RSA-OAEP");
    assertThat(delivery.wrapping().oaepHash()).isEqualTo("SHA-256");
    assertThat(delivery.wrapping().mgf()).isEqualTo("MGF1-SHA-256");

    assertThat(instance).isEnded().hasPassed(END_DISTRIBUTED);
    assertThat(variable(instance, VAR_OUTCOME)).isEqualTo(OUTCOME_DISTRIBUTED);
    assertThat(variable(instance, VAR_TLS_PROTOCOL)).isEqualTo("TLSv1.3");
    assertThat(variable(instance, VAR_PEER_CERTIFICATE)).isEqualTo(app.identity().sha256());
    DistributionPackage picked = distribution.find(packageId(instance)).orElseThrow();
    assertThat(picked.state()).isEqualTo(PackageState.PICKED_UP);
    assertThat(picked.wrappedKey()).as("erased once handed out").isNull();
    assertThat(picked.tlsCipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
    assertThat(picked.peerCertificateSha256()).isEqualTo(app.identity().sha256());
    assertThat(ledgerCount("KEY_DISTRIBUTED", alias)).isEqualTo(1);
    assertThat(holdings.recipientsHolding(version.id())).containsExactly(app.name());

    assertThatThrownBy(() -> pickUp(instance, app))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.GONE))
        .hasMessageContaining("already picked up");
    assertThat(ledgerCount("KEY_DISTRIBUTED", alias)).isEqualTo(1);
  }

  @Test
  void pickupWithAnotherRecipientsOrAnUnregisteredOrARevokedCertificateIsRefused() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    Registered other =
        fixtures.recipient(DistributionFixtures.unique("other"), Environment.PRODUCTION);
    ProcessInstance instance = heldFor(alias, app);

    assertThatThrownBy(() -> pickUp(instance, other))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.FORBIDDEN))
        .hasMessageContaining("is not addressed to recipient '" + other.name() + "'");
    var stranger = TestCertificates.selfSigned("stranger", TestCertificates.rsa("recipient", 3072));
    assertThatThrownBy(
            () -> pickup.pickUp(packageId(instance), stranger.certificate(), "TLSv1.3", "x"))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.FORBIDDEN))
        .hasMessageContaining("not registered");
    assertThatThrownBy(() -> pickup.pickUp(packageId(instance), null, "TLSv1.3", "x"))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.FORBIDDEN));
    assertThatThrownBy(
            () -> pickup.pickUp(UUID.randomUUID(), app.identity().certificate(), "TLSv1.3", "x"))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.NOT_FOUND));

    assertThat(instance).isWaitingAt(TASK_HOLD_FOR_PICKUP);
    assertThat(distribution.find(packageId(instance)).orElseThrow().state())
        .isEqualTo(PackageState.HELD);
    assertThat(ledgerCount("KEY_DISTRIBUTED", alias)).isZero();

    registry.revoke(app.name(), "decommissioned", "carol");
    assertThatThrownBy(() -> pickUp(instance, app))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.FORBIDDEN))
        .hasMessageContaining("is revoked");
  }

  @Test
  void anUnfetchedPackageExpiresItsBytesAreErasedAndItCanNoLongerBePickedUp() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    ProcessInstance instance = heldFor(alias, app);

    ClockUtil.setCurrentTime(
        java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(7)).plusSeconds(60)));
    assertThatThrownBy(() -> pickUp(instance, app))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.GONE))
        .hasMessageContaining("expired at");

    execute(job(instance));
    assertThat(instance)
        .isEnded()
        .hasPassed(BOUNDARY_PACKAGE_EXPIRED, TASK_DELETE_EXPIRED, END_EXPIRED)
        .hasNotPassed(END_DISTRIBUTED);
    assertThat(variable(instance, VAR_OUTCOME)).isEqualTo(OUTCOME_EXPIRED);
    DistributionPackage expired = distribution.find(packageId(instance)).orElseThrow();
    assertThat(expired.state()).isEqualTo(PackageState.EXPIRED);
    assertThat(expired.wrappedKey()).isNull();
    assertThat(expired.expiredAt()).isNotNull();
    assertThat(ledgerCount("KEY_DISTRIBUTION_EXPIRED", alias)).isEqualTo(1);
    assertThatThrownBy(() -> pickUp(instance, app))
        .isInstanceOfSatisfying(
            PickupRefusal.class, e -> assertThat(e.kind()).isEqualTo(PickupRefusal.Kind.GONE));
    assertThat(ledgerCount("KEY_DISTRIBUTED", alias)).isZero();
  }

  private void assertRefusedBeforeApproval(ProcessInstance instance, String alias, String reason) {
    assertThat(instance).isEnded().hasPassed(END_REQUEST_REFUSED).hasNotPassed(TASK_APPROVE);
    assertThat((String) variable(instance, VAR_REFUSAL_REASON)).contains(reason);
    assertThat(variable(instance, VAR_OUTCOME)).isEqualTo(OUTCOME_REFUSED);
    if (alias != null) {
      assertThat(ledgerCount("KEY_DISTRIBUTION_REFUSED", alias)).isEqualTo(1);
      assertThat(ledgerCount("KEY_DISTRIBUTION_REQUESTED", alias)).isZero();
    }
  }

  @Test
  void unknownKeyOrRecipientIsRefusedBeforeApproval() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String missing = DistributionFixtures.unique("nokey");
    assertRefusedBeforeApproval(
        request("alice", missing, app.name()), missing, "No key with alias '" + missing + "'");

    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    assertRefusedBeforeApproval(
        request("alice", alias, "nobody-here"), alias, "No recipient named 'nobody-here'");
    assertRefusedBeforeApproval(request("alice", null, app.name()), null, "alias is required");
  }

  @Test
  void deactivatedAndDestroyedVersionsAreRefused() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    for (String state : new String[] {"DEACTIVATED", "DESTROYED"}) {
      String alias = DistributionFixtures.unique("dist");
      KeyVersion version = fixtures.exportableKey(alias);
      jdbc.update("UPDATE key_version SET state = ? WHERE id = ?", state, version.id().toString());
      assertRefusedBeforeApproval(
          request("alice", alias, app.name()),
          alias,
          "is " + state + ": only the ACTIVE primary version");
    }
  }

  @Test
  void aVersionOtherThanThePrimaryIsRefused() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Map<String, Object> variables =
        new HashMap<>(
            Map.of(
                VAR_ALIAS,
                alias,
                VAR_RECIPIENT,
                app.name(),
                VAR_VERSION_ID,
                UUID.randomUUID().toString()));
    assertRefusedBeforeApproval(start(PROCESS_KEY, "alice", variables), alias, "has no version");
  }

  @Test
  void nonExportableKeysAndKeysWhosePolicyForbidsExportAreRefused() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String kept = DistributionFixtures.unique("kept");
    fixtures.key(kept, KeyPurpose.DATA_AT_REST, false, Environment.PRODUCTION);
    assertRefusedBeforeApproval(
        request("alice", kept, app.name()), kept, "was generated non-exportable");

    String wrapping = DistributionFixtures.unique("kek");
    fixtures.key(wrapping, KeyPurpose.KEY_WRAPPING, true, Environment.PRODUCTION);
    assertRefusedBeforeApproval(
        request("alice", wrapping, app.name()), wrapping, "KEY_WRAPPING keys are never exported");
  }

  @Test
  void aProductionKeyIsNeverDistributedToATestRecipient() {
    Registered tester = fixtures.recipient(DistributionFixtures.unique("tester"), Environment.TEST);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    assertRefusedBeforeApproval(
        request("alice", alias, tester.name()),
        alias,
        "is a PRODUCTION key and is never distributed to the TEST recipient");

    String testKey = DistributionFixtures.unique("testkey");
    fixtures.key(testKey, KeyPurpose.DATA_AT_REST, true, Environment.TEST);
    ProcessInstance allowed = request("alice", testKey, tester.name());
    assertThat(allowed).isWaitingAt(TASK_APPROVE);
  }

  @Test
  void aRevokedRecipientIsRefusedBeforeApproval() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    registry.revoke(app.name(), "decommissioned", "carol");
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    assertRefusedBeforeApproval(request("alice", alias, app.name()), alias, "was revoked");
  }

  @Test
  void aSecondDistributionOfTheSameKeyToTheSameRecipientWhileOneRunsIsRefused() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    ProcessInstance first = request("alice", alias, app.name());
    ProcessInstance second = request("alice", alias, app.name());
    assertThat(first).isWaitingAt(TASK_APPROVE);
    assertThat(second).isEnded().hasPassed(END_REQUEST_REFUSED);
    assertThat((String) variable(second, VAR_REFUSAL_REASON)).contains("already in progress");
  }

  @Test
  void rejectionEndsWithoutWrappingAndNamesTheOfficer() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    ProcessInstance instance = request("alice", alias, app.name());
    decide("carol", instance, false, "The recipient has no business case");

    assertThat(instance).isEnded().hasPassed(END_REJECTED).hasNotPassed(TASK_WRAP);
    assertThat(variable(instance, "rejectedBy")).isEqualTo("carol");
    assertThat(variable(instance, VAR_OUTCOME)).isEqualTo(OUTCOME_REJECTED);
    assertThat(ledgerCount("KEY_DISTRIBUTION_REJECTED", alias)).isEqualTo(1);
    verify(vault, never()).wrapForRecipient(any(), any(), any());
  }

  @Test
  void theRequesterCannotApproveEvenAsOfficerAndEngineersCannotApprove() {
    String erin = "erin" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    identity.saveUser(identity.newUser(erin));
    identity.createMembership(erin, "security-engineering");
    identity.createMembership(erin, "security-officer");
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    ProcessInstance instance = request(erin, alias, app.name());

    assertThatThrownBy(() -> decide(erin, instance, true, null))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule");
    assertThatThrownBy(() -> decide("alice", instance, true, null))
        .isInstanceOf(AuthorizationException.class);
    assertThat(instance).isWaitingAt(TASK_APPROVE);
    assertThat(ledgerCount("KEY_DISTRIBUTION_APPROVED", alias)).isZero();
  }

  @Test
  void theRequesterIsTheAuthenticatedStarterNotAStartVariable() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Map<String, Object> variables =
        new HashMap<>(Map.of(VAR_ALIAS, alias, VAR_RECIPIENT, app.name(), VAR_REQUESTED_BY, "bob"));
    ProcessInstance instance = start(PROCESS_KEY, "alice", variables);

    assertThat(instance).variables().containsEntry(VAR_REQUESTED_BY, "alice");
    decide("bob", instance, true, null);
    assertThat(instance).isWaitingAt(TASK_WRAP);
  }

  @Test
  void aRuleBrokenBetweenApprovalAndWrappingEndsRefusedWithoutWrapping() {
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    ProcessInstance instance = request("alice", alias, app.name());
    decide("bob", instance, true, null);
    registry.revoke(app.name(), "compromised host", "carol");

    execute(job(instance));
    assertThat(instance).isEnded().hasPassed(END_WRAP_REFUSED).hasNotPassed(TASK_HOLD_FOR_PICKUP);
    assertThat((String) variable(instance, VAR_REFUSAL_REASON)).contains("was revoked");
    assertThat(ledgerCount("KEY_DISTRIBUTION_REFUSED", alias)).isEqualTo(1);
    assertThat(distribution.find(packageId(instance))).isEmpty();
    verify(vault, never()).wrapForRecipient(any(), any(), any());
  }

  @Test
  void aRecipientWithAKekGetsTheKeyWrappedUnderTheKeksPrimaryVersionWithAesKwp() {
    String kekAlias = DistributionFixtures.unique("kek");
    KeyVersion kek = fixtures.key(kekAlias, KeyPurpose.KEY_WRAPPING, false, Environment.PRODUCTION);
    Registered hsm = fixtures.kekRecipient(DistributionFixtures.unique("hsm"), kekAlias);
    String alias = DistributionFixtures.unique("dist");
    KeyVersion version = fixtures.exportableKey(alias);

    ProcessInstance instance = request("alice", alias, hsm.name());
    assertThat(instance)
        .variables()
        .containsEntry(VAR_MECHANISM, "AES-KWP")
        .containsEntry(VAR_WRAPPING, "AES-256 KEK '" + kekAlias + "' (AES-KWP)");
    decide("bob", instance, true, null);
    execute(job(instance));

    verify(vault).wrapUnderKek(version.hsmKeyId(), kek.hsmKeyId());
    DistributionPackage held = distribution.find(packageId(instance)).orElseThrow();
    assertThat(held.mechanism()).isEqualTo("AES-KWP");
    assertThat(held.kekAlias()).isEqualTo(kekAlias);
    assertThat(held.kekVersionId()).isEqualTo(kek.id());
    PackageDelivery delivery = pickUp(instance, hsm);
    assertThat(delivery.wrapping().mechanism()).isEqualTo("AES-KWP");
    assertThat(delivery.wrapping().kekAlias()).isEqualTo(kekAlias);
    assertThat(instance).isEnded().hasPassed(END_DISTRIBUTED);
  }

  @Test
  void anUnreachableVaultRetriesThenBecomesAnIncidentAndHoldsNothing() {
    when(vault.wrapForRecipient(any(), any(), any()))
        .thenThrow(new KeyVaultException.Unavailable("HSM unreachable", null));
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    ProcessInstance instance = request("alice", alias, app.name());
    decide("bob", instance, true, null);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> execute(job(instance)))
          .isInstanceOf(KeyVaultException.Unavailable.class);
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
    assertThat(instance).isWaitingAt(TASK_WRAP);
    assertThat(distribution.find(packageId(instance))).isEmpty();
    assertThat(ledgerCount("KEY_WRAPPED", alias)).isZero();
  }

  @Test
  void aVaultObjectWhoseKcvDiffersFromTheInventoryIsNeverHandedOut() {
    when(vault.wrapForRecipient(any(), any(), any()))
        .thenAnswer(
            call -> new WrappedKey(call.getArgument(0), "RSA-OAEP-SHA256", WRAPPED, "ffffff"));
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    ProcessInstance instance = request("alice", alias, app.name());
    decide("bob", instance, true, null);

    assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("check value");
    assertThat(instance).isWaitingAt(TASK_WRAP);
    assertThat(distribution.find(packageId(instance))).isEmpty();
  }

  @Test
  void rotationCanCallItWithARequesterAndGetsTheOutcomeBack() {
    var caller =
        Bpmn.createExecutableProcess("TestRedistribution")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .callActivity("CallActivity_Distribute")
            .calledElement(PROCESS_KEY)
            .camundaIn(VAR_ALIAS, VAR_ALIAS)
            .camundaIn(VAR_RECIPIENT, VAR_RECIPIENT)
            .camundaIn(VAR_REQUESTED_BY, VAR_REQUESTED_BY)
            .camundaIn(VAR_VERSION_ID, VAR_VERSION_ID)
            .camundaOut(VAR_OUTCOME, VAR_OUTCOME)
            .camundaOut(VAR_PACKAGE_ID, VAR_PACKAGE_ID)
            .userTask("Task_Inspect")
            .endEvent()
            .done();
    engine
        .getRepositoryService()
        .createDeployment()
        .addModelInstance("TestRedistribution.bpmn", caller)
        .deploy();
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    String alias = DistributionFixtures.unique("dist");
    KeyVersion version = fixtures.exportableKey(alias);

    ProcessInstance parent =
        runtime.startProcessInstanceByKey(
            "TestRedistribution",
            Map.of(
                VAR_ALIAS,
                alias,
                VAR_RECIPIENT,
                app.name(),
                VAR_REQUESTED_BY,
                "system:rotation",
                VAR_VERSION_ID,
                version.id().toString()));
    ProcessInstance child =
        runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();
    assertThat(child)
        .isWaitingAt(TASK_APPROVE)
        .variables()
        .containsEntry(VAR_REQUESTED_BY, "system:rotation");
    decide("bob", child, true, null);
    execute(job(child));
    pickUp(child, app);

    assertThat(child).isEnded().hasPassed(END_DISTRIBUTED);
    assertThat(parent)
        .isWaitingAt("Task_Inspect")
        .variables()
        .containsEntry(VAR_OUTCOME, OUTCOME_DISTRIBUTED)
        .containsEntry(VAR_PACKAGE_ID, packageId(child).toString());

    ProcessInstance stale =
        runtime.startProcessInstanceByKey(
            "TestRedistribution",
            Map.of(
                VAR_ALIAS,
                alias,
                VAR_RECIPIENT,
                app.name(),
                VAR_REQUESTED_BY,
                "system:rotation",
                VAR_VERSION_ID,
                UUID.randomUUID().toString()));
    assertThat(stale)
        .isWaitingAt("Task_Inspect")
        .variables()
        .containsEntry(VAR_OUTCOME, OUTCOME_REFUSED);
  }

  @Test
  void rotationRedistributesTheNewVersionToEveryRecipientThatHeldTheOldOne() {
    io.keyflow.lifecycle.LifecycleFixtures.fakeVault(vault);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    fixtures.recipient(
        DistributionFixtures.unique("other"), Environment.PRODUCTION); // holds nothing
    String alias = DistributionFixtures.unique("rotated");
    KeyVersion old = fixtures.exportableKey(alias);
    pickUp(heldFor(alias, app), app);
    assertThat(holdings.recipientsHolding(old.id())).containsExactly(app.name());

    ProcessInstance rotation =
        start(
            io.keyflow.rotation.KeyRotationProcess.PROCESS_KEY,
            "alice",
            Map.of("alias", alias, "reason", "yearly rotation"));
    decide("carol", rotation, true, null);
    execute(job(rotation));

    UUID newVersionId = keys.findByAlias(alias).orElseThrow().primaryVersionId();
    assertThat(newVersionId).isNotEqualTo(old.id());
    List<ProcessInstance> redistributions =
        runtime.createProcessInstanceQuery().superProcessInstanceId(rotation.getId()).list();
    assertThat(redistributions)
        .as("one distribution per recipient that held the old version")
        .hasSize(1);
    ProcessInstance redistribution = redistributions.get(0);
    assertThat(redistribution)
        .isWaitingAt(TASK_APPROVE)
        .hasBusinessKey(alias)
        .variables()
        .containsEntry(VAR_RECIPIENT, app.name())
        .containsEntry(VAR_VERSION_ID, newVersionId.toString())
        .containsEntry(VAR_REQUESTED_BY, "alice");
    assertThat(rotation)
        .isWaitingAt(io.keyflow.rotation.KeyRotationProcess.CALL_ACTIVITY_REDISTRIBUTE);
  }

  @Test
  void everyRequestFieldChangedAtTheApprovalIsRefusedAndNothingChanges() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    ProcessInstance instance = request("alice", alias, app.name());

    var tried =
        assertEveryRequestFieldIsRefusedAtCompletion(
            instance, "carol", Map.of("approved", true, "comment", "ok"));
    assertThat(tried)
        .contains(
            VAR_ALIAS,
            VAR_RECIPIENT,
            VAR_VERSION_ID,
            VAR_REQUESTED_BY,
            VAR_PACKAGE_ID,
            VAR_MECHANISM,
            VAR_KEY_ID,
            VAR_RECIPIENT_CERTIFICATE);
    assertThat(instance).isWaitingAt(TASK_APPROVE);
  }

  @Test
  void anOfficerCannotRedirectAnApprovedDistributionToAnotherRecipient() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered payments =
        fixtures.recipient(DistributionFixtures.unique("payments"), Environment.PRODUCTION);
    Registered evil =
        fixtures.recipient(DistributionFixtures.unique("evil"), Environment.PRODUCTION);
    ProcessInstance instance = request("alice", alias, payments.name());
    String packageId = (String) runtime.getVariable(instance.getId(), VAR_PACKAGE_ID);

    assertThatThrownBy(
            () ->
                completeAs(
                    "carol",
                    task(instance).getId(),
                    Map.of("approved", true, VAR_RECIPIENT, evil.name())))
        .isInstanceOf(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class)
        .hasMessageContaining("'" + VAR_RECIPIENT + "'");
    assertThat(instance).isWaitingAt(TASK_APPROVE);

    // Even variables changed behind the approval (here by the engine itself) redirect nothing.
    overwriteAsTheEngine(
        instance,
        Map.of(
            VAR_RECIPIENT,
            evil.name(),
            VAR_PACKAGE_ID,
            UUID.randomUUID().toString(),
            VAR_REQUESTED_BY,
            "carol"));
    decide("carol", instance, true, null);
    execute(job(instance));

    assertThat(instance).isWaitingAt(TASK_HOLD_FOR_PICKUP);
    DistributionPackage held = distribution.find(UUID.fromString(packageId)).orElseThrow();
    assertThat(held.recipientName()).isEqualTo(payments.name());
    assertThat(held.requestedBy()).isEqualTo("alice");
    assertThat(held.approvedBy()).isEqualTo("carol");
    assertThat(distribution.find(alias, evil.name(), 10)).isEmpty();
    ArgumentCaptor<java.security.PublicKey> wrappedUnder =
        ArgumentCaptor.forClass(java.security.PublicKey.class);
    verify(vault).wrapForRecipient(any(), wrappedUnder.capture(), eq(OaepHash.SHA256));
    assertThat(((RSAPublicKey) wrappedUnder.getValue()).getModulus())
        .isEqualTo(((RSAPublicKey) payments.identity().keyPair().getPublic()).getModulus());
    assertThatThrownBy(
            () ->
                pickup.pickUp(
                    UUID.fromString(packageId),
                    evil.identity().certificate(),
                    "TLSv1.3",
                    "TLS_AES_256_GCM_SHA384"))
        .isInstanceOf(PickupRefusal.class);
    assertThat(
            pickup
                .pickUp(
                    UUID.fromString(packageId),
                    payments.identity().certificate(),
                    "TLSv1.3",
                    "TLS_AES_256_GCM_SHA384")
                .recipient())
        .isEqualTo(payments.name());
  }

  @Test
  void anAdministratorWhoMovesTheDistributionPastItsApprovalGetsAnIncidentAnAlertAndNoPackage() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    ProcessInstance instance = request("alice", alias, app.name());
    String packageId = (String) runtime.getVariable(instance.getId(), VAR_PACKAGE_ID);

    skipApprovalAsAdministrator(instance, TASK_APPROVE, TASK_WRAP);
    assertHsmStepRefusedAsAnIncidentWithAnAlert(instance, TASK_WRAP);

    verify(vault, never()).wrapForRecipient(any(), any(), any());
    verify(vault, never()).wrapUnderKek(any(), any());
    assertThat(distribution.find(UUID.fromString(packageId))).isEmpty();
    assertThat(ledgerCount("KEY_WRAPPED", alias)).isZero();
  }

  @Test
  void noUserNotEvenTheAdministratorCanReportAPickupByMessageOnlyThePickupItselfDoes() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    ProcessInstance instance = request("alice", alias, app.name());
    decide("bob", instance, true, null);
    execute(job(instance));
    assertThat(instance).isWaitingAt(TASK_HOLD_FOR_PICKUP);

    actAs("admin");
    try {
      assertThatThrownBy(
              () ->
                  runtime
                      .createMessageCorrelation(MESSAGE_PICKED_UP)
                      .processInstanceId(instance.getId())
                      .correlate())
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("sent by Keyflow only");
      String waiting =
          runtime
              .createExecutionQuery()
              .processInstanceId(instance.getId())
              .activityId(TASK_HOLD_FOR_PICKUP)
              .singleResult()
              .getId();
      assertThatThrownBy(() -> runtime.signal(waiting))
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("sent by Keyflow only");
      assertThatThrownBy(() -> runtime.messageEventReceived(MESSAGE_PICKED_UP, waiting))
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("sent by Keyflow only");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(instance).isWaitingAt(TASK_HOLD_FOR_PICKUP);
    assertThat(ledgerCount("KEY_DISTRIBUTED", alias)).isZero();
    assertThat(distribution.find(packageId(instance)).orElseThrow().state())
        .isEqualTo(PackageState.HELD);

    pickUp(instance, app);
    assertThat(instance).isEnded().hasPassed(END_DISTRIBUTED);
    assertThat(ledgerCount("KEY_DISTRIBUTED", alias)).isEqualTo(1);
  }

  @Test
  void aModificationByTheAdministratorCannotPlantVariablesInADistribution() {
    String alias = DistributionFixtures.unique("dist");
    fixtures.exportableKey(alias);
    Registered app = fixtures.recipient(DistributionFixtures.unique("app"), Environment.PRODUCTION);
    ProcessInstance instance = request("alice", alias, app.name());
    Map<String, Object> before = runtime.getVariables(instance.getId());

    actAs("admin");
    try {
      assertThatThrownBy(
              () ->
                  runtime
                      .createProcessInstanceModification(instance.getId())
                      .startBeforeActivity(TASK_APPROVE)
                      .setVariable(VAR_RECIPIENT, "elsewhere")
                      .execute())
          .isInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class)
          .hasMessageContaining("[" + VAR_RECIPIENT + "]");
      assertThatThrownBy(
              () ->
                  runtime
                      .createProcessInstanceModification(instance.getId())
                      .startBeforeActivity(TASK_APPROVE)
                      .setVariableLocal("approved", true)
                      .execute())
          .isInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class)
          .hasMessageContaining("[approved]");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(runtime.getVariables(instance.getId())).isEqualTo(before);
    assertThat(
            engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
  }
}
