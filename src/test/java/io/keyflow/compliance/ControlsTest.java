package io.keyflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.Provenance;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each control against a narrated ledger and inventory: what passes, and every way it fails. */
class ControlsTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final Set<String> OFFICERS = Set.of("bob", "carol");
  private final List<LedgerEntry> ledger = new ArrayList<>();
  private final List<KeyRecord> keys = new ArrayList<>();
  private LedgerVerification chain = new LedgerVerification(true, 0, null, null);
  private final List<LedgerCheckpoint> checkpoints = new ArrayList<>();

  private long append(
      String actor, String action, String alias, Integer version, String instance, String details) {
    long seq = ledger.size() + 1;
    ledger.add(
        new LedgerEntry(
            seq,
            NOW.minus(Duration.ofMinutes(30)),
            actor,
            action,
            null,
            alias,
            null,
            version,
            instance,
            details,
            "0".repeat(64),
            "f".repeat(64)));
    return seq;
  }

  /** The rule given every entry of the ledger, in order, then evaluated. */
  private ControlResult evaluate(ControlRule rule) {
    ledger.forEach(entry -> rule.read(LedgerFact.of(entry)));
    return rule.evaluate(snapshot());
  }

  private ComplianceSnapshot snapshot() {
    return new ComplianceSnapshot(
        NOW,
        keys,
        new LedgerVerification(
            chain.valid(), ledger.size(), chain.firstInvalidSequence(), chain.reason()),
        new CheckpointVerification(true, checkpoints.size(), null, null, null),
        checkpoints,
        OFFICERS);
  }

  private KeyVersion addKey(
      String alias, KeyAlgorithm algorithm, Provenance provenance, Instant created) {
    KeyPolicy policy = KeyPolicy.defaults(KeyPurpose.DATA_AT_REST);
    UUID keyId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();
    KeyVersion v =
        KeyVersion.activated(
            versionId,
            keyId,
            1,
            "pkcs11",
            "keyflow/" + alias + "/v1",
            "a1b2c3",
            provenance,
            created,
            policy.encryptPeriod(),
            "alice",
            "bob",
            "pi-" + alias);
    keys.add(
        new KeyRecord(
            new ManagedKey(
                keyId,
                alias,
                KeyPurpose.DATA_AT_REST,
                algorithm,
                "alice",
                false,
                policy.encryptPeriod(),
                policy.retention(),
                "test",
                versionId,
                created,
                Environment.PRODUCTION),
            List.of(v)));
    ledger.add(
        new LedgerEntry(
            ledger.size() + 1,
            created,
            "alice",
            "KEY_GENERATED",
            keyId.toString(),
            alias,
            versionId.toString(),
            1,
            "pi-" + alias,
            "{}",
            "0".repeat(64),
            "f".repeat(64)));
    return v;
  }

  private static Provenance fromHsm() {
    return new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN");
  }

  @Test
  void aLiveKeyOfAnAlgorithmOutsidePolicyOrImportedIntoTheHsmFailsFourOne() {
    addKey("good", KeyAlgorithm.AES_256, fromHsm(), NOW);
    addKey(
        "imported",
        KeyAlgorithm.AES_256,
        new Provenance(false, true, false, false, false, "CKM_AES_KEY_GEN"),
        NOW);
    addKey("wrong-algorithm", KeyAlgorithm.RSA_3072, fromHsm(), NOW);

    ControlResult result = evaluate(new PolicyAndOriginRule(new KeyPolicies(null)));

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.summary()).isEqualTo("2 of 3 rows break the control");
    assertThat(result.findings())
        .extracting(ControlFinding::subject)
        .startsWith("imported v1", "wrong-algorithm v1");
    assertThat(result.findings().get(0).statement()).contains("CKA_LOCAL false");
    assertThat(result.findings().get(1).statement())
        .isEqualTo("RSA-3072 is not allowed for DATA_AT_REST");
    assertThat(result.findings().get(2).ledgerSequences()).containsExactly(1L);
  }

  @Test
  void aPackageThatExpiredWithoutItsExpiryEntryFailsFourTwoWhileOnePickedUpOverMutualTlsPasses() {
    long wrapped =
        append(
            "alice",
            "KEY_WRAPPED",
            "k",
            1,
            "pi-1",
            "{\"packageId\":\"p-1\",\"recipient\":\"app\",\"mechanism\":\"RSA-OAEP\",\"expiresAt\":\"2026-12-01T00:00:00Z\"}");
    long picked =
        append(
            "recipient:app",
            "KEY_DISTRIBUTED",
            "k",
            1,
            "pi-1",
            "{\"packageId\":\"p-1\",\"tlsProtocol\":\"TLSv1.3\",\"tlsCipherSuite\":\"TLS_AES_256_GCM_SHA384\",\"peerCertificateSha256\":\"abcdef0123\"}");
    long forgotten =
        append(
            "alice",
            "KEY_WRAPPED",
            "k",
            1,
            "pi-2",
            "{\"packageId\":\"p-2\",\"recipient\":\"other\",\"mechanism\":\"AES-KWP\",\"expiresAt\":\"2026-11-20T00:00:00Z\"}");

    ControlResult result = evaluate(new DistributionRule());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.findings().get(0).statement())
        .contains("expired at 2026-11-20 00:00 UTC without a KEY_DISTRIBUTION_EXPIRED entry");
    assertThat(result.findings().get(0).ledgerSequences()).containsExactly(forgotten);
    assertThat(result.findings().get(1).statement())
        .contains("picked up by recipient:app over TLSv1.3");
    assertThat(result.findings().get(1).ledgerSequences()).containsExactly(wrapped, picked);
  }

  @Test
  void noAttestationAnOldOneOrDriftSinceTheLastFailFourThree() {
    Supplier<ControlRule> control = () -> new StorageAttestationRule(Duration.ofDays(35));
    assertThat(evaluate(control.get()).verdict()).isEqualTo(Verdict.FAIL);

    long attested =
        append(
            "bob",
            "KEY_STORAGE_ATTESTED",
            null,
            null,
            "pi-a",
            "{\"findingCount\":0,\"driftCount\":0}");
    ControlResult clean = evaluate(control.get());
    assertThat(clean.verdict()).isEqualTo(Verdict.PASS);
    assertThat(clean.findings().get(0).statement()).contains("attested by bob").endsWith("clean");
    assertThat(clean.findings().get(0).ledgerSequences()).containsExactly(attested);

    long drift =
        append(
            "system",
            "KEY_STORAGE_DRIFT_DETECTED",
            "k",
            1,
            "pi-b",
            "{\"kind\":\"MISSING_OBJECT\"}");
    ControlResult drifted = evaluate(control.get());
    assertThat(drifted.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(drifted.findings().get(0).ledgerSequences()).containsExactly(drift);

    assertThat(
            evaluate(new StorageAttestationRule(Duration.ofMinutes(10)))
                .findings()
                .get(0)
                .statement())
        .as("30 minutes old against a 10-minute cycle")
        .contains("older than its cycle of 10 minutes");
  }

  @Test
  void anActiveVersionPastItsProtectStopFailsFourFour() {
    addKey("fresh", KeyAlgorithm.AES_256, fromHsm(), NOW.minus(Duration.ofDays(10)));
    addKey("stale", KeyAlgorithm.AES_256, fromHsm(), NOW.minus(Duration.ofDays(400)));

    ControlResult result = evaluate(new CryptoPeriodRule());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.findings().get(0).subject()).isEqualTo("stale v1");
    assertThat(result.findings().get(0).statement())
        .startsWith("ACTIVE 35 days past its protect-stop");
    assertThat(result.findings().get(1).statement()).contains("in 355 days");
  }

  @Test
  void aDestructionWithOneApproverByItsRequesterBeforeRetentionFailsFourFiveForEachReason() {
    append("alice", "KEY_DESTRUCTION_REQUESTED", "k", 1, "pi-ok", "{}");
    append("bob", "KEY_DESTRUCTION_APPROVED", "k", null, "pi-ok", "{}");
    append("carol", "KEY_DESTRUCTION_APPROVED", "k", null, "pi-ok", "{}");
    append(
        "alice",
        "KEY_DESTROYED",
        "k",
        1,
        "pi-ok",
        "{\"destroyedAt\":\"2026-11-29T11:00:00Z\",\"retainUntil\":\"2026-11-01T00:00:00Z\",\"requestedBy\":\"alice\"}");
    append("bob", "KEY_DESTRUCTION_REQUESTED", "j", 1, "pi-bad", "{}");
    append("bob", "KEY_DESTRUCTION_APPROVED", "j", null, "pi-bad", "{}");
    append(
        "bob",
        "KEY_DESTROYED",
        "j",
        1,
        "pi-bad",
        "{\"destroyedAt\":\"2026-11-29T11:00:00Z\",\"retainUntil\":\"2027-01-01T00:00:00Z\",\"requestedBy\":\"bob\"}");

    ControlResult result = evaluate(new DestructionRule());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.findings().get(0).statement())
        .contains("before its retention ended on 2027-01-01 00:00 UTC")
        .contains("approved by 1 distinct officer(s) [bob], not 2")
        .contains("approved by its requester bob");
    assertThat(result.findings().get(0).ledgerSequences()).containsExactly(5L, 6L, 7L);
    assertThat(result.findings().get(1).holds()).isTrue();
    assertThat(result.findings().get(1).statement()).contains("approved by bob and carol");
  }

  @Test
  void aCompromisedVersionDestroyedBeforeItsRetentionWithTwoApproversPassesFourFive() {
    append("alice", "KEY_DESTRUCTION_REQUESTED", "k", 1, "pi-c", "{}");
    append("bob", "KEY_DESTRUCTION_APPROVED", "k", null, "pi-c", "{}");
    append("carol", "KEY_DESTRUCTION_APPROVED", "k", null, "pi-c", "{}");
    append(
        "alice",
        "KEY_DESTROYED",
        "k",
        1,
        "pi-c",
        "{\"destroyedAt\":\"2026-11-29T11:00:00Z\",\"retainUntil\":"
            + "\"2027-06-01T00:00:00Z\",\"requestedBy\":\"alice\",\"previousState\":\"COMPROMISED\"}");

    ControlResult result = evaluate(new DestructionRule());

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.findings().get(0).statement())
        .contains("as a compromised version (no retention applies)")
        .contains("approved by bob and carol");
  }

  @Test
  void eachCompromiseActionReadsAsOneSentenceOnTheTimeline() {
    append(
        "alice",
        "KEY_COMPROMISE_REPORTED",
        "k",
        null,
        "pi-x",
        "{\"reason\":\"laptop stolen\",\"versions\":[1,2]}");
    append(
        "bob", "KEY_COMPROMISE_CONFIRMED", "k", null, "pi-x", "{\"comment\":\"seen in the logs\"}");
    append(
        "system:compromise",
        "KEY_DISTRIBUTION_WITHDRAWN",
        "k",
        2,
        "pi-x",
        "{\"recipient\":\"payments\",\"reason\":\"version compromised\"}");
    append(
        "carol",
        "KEY_DECRYPT_EXCEPTION_OPENED",
        "k",
        1,
        "pi-d",
        "{\"expiresAt\":\"2026-11-30T12:00:00Z\",\"approvedBy\":[\"bob\",\"dave\"]}");
    append(
        "svc",
        "KEY_DECRYPT_EXCEPTION_USED",
        "k",
        1,
        "pi-d",
        "{\"expiresAt\":\"2026-11-30T12:00:00Z\"}");

    List<String> sentences =
        ledger.stream().map(LedgerFact::of).map(TimelineSummaries::of).toList();

    assertThat(sentences)
        .containsExactly(
            "Compromise of v1, v2 reported by alice: laptop stolen",
            "Compromise confirmed by bob: “seen in the logs”",
            "Package v2 for payments withdrawn before pickup; wrapped key erased: version compromised",
            "Decrypt exception v1 open until 2026-11-30 12:00 UTC, approved by bob and dave",
            "Decrypted v1 under the decrypt exception by svc (open until 2026-11-30 12:00 UTC)");
  }

  @Test
  void aWebhookDeliveryAndTheOwnersAcknowledgementReadAsSentencesOnTheTimeline() {
    append(
        "system:key-compromise",
        "KEY_COMPROMISE_WEBHOOK_DELIVERED",
        "k",
        null,
        "pi-x",
        "{\"recipient\":\"payments\",\"host\":\"hooks.example.org\",\"httpStatus\":204}");
    append(
        "alice", "KEY_COMPROMISE_OWNER_ACKNOWLEDGED", "k", null, "pi-x", "{\"owner\":\"alice\"}");

    List<String> sentences =
        ledger.stream().map(LedgerFact::of).map(TimelineSummaries::of).toList();

    assertThat(sentences)
        .containsExactly(
            "Webhook of holder payments at hooks.example.org told of the confirmed compromise (HTTP 204)",
            "Owner alice acknowledged the compromise and re-encrypts under the replacement");
  }

  @Test
  void aCompromisedVersionIsLeftToTheCompromiseLifecycleByFourOne() {
    KeyVersion v =
        addKey("leaked", KeyAlgorithm.RSA_3072, fromHsm(), NOW.minus(Duration.ofDays(5)));
    KeyRecord record = keys.remove(0);
    keys.add(
        new KeyRecord(record.key(), List.of(v.markCompromised(NOW.minus(Duration.ofDays(1))))));
    addKey("good", KeyAlgorithm.AES_256, fromHsm(), NOW);

    ControlResult result = evaluate(new PolicyAndOriginRule(new KeyPolicies(null)));

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.findings()).extracting(ControlFinding::subject).containsExactly("good v1");
  }

  @Test
  void aPackageWithdrawnAfterACompromisePassesFourTwoEvenPastItsExpiry() {
    long wrapped =
        append(
            "alice",
            "KEY_WRAPPED",
            "k",
            1,
            "pi-1",
            "{\"packageId\":\"p-1\",\"recipient\":\"app\",\"mechanism\":\"AES-KWP\",\"expiresAt\":\"2026-11-20T00:00:00Z\"}");
    long withdrawn =
        append(
            "system:compromise",
            "KEY_DISTRIBUTION_WITHDRAWN",
            "k",
            1,
            "pi-c",
            "{\"packageId\":\"p-1\",\"recipient\":\"app\",\"reason\":\"version 1 reported compromised\"}");

    ControlResult result = evaluate(new DistributionRule());

    assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    assertThat(result.findings().get(0).statement())
        .contains("withdrawn before pickup (version 1 reported compromised)");
    assertThat(result.findings().get(0).ledgerSequences()).containsExactly(wrapped, withdrawn);
  }

  @Test
  void aCompromiseConfirmedByItsOwnReporterFailsEight() {
    append(
        "bob",
        "KEY_COMPROMISE_REPORTED",
        "k",
        null,
        "pi-1",
        "{\"reason\":\"leak\",\"versions\":[1]}");
    append("bob", "KEY_COMPROMISE_CONFIRMED", "k", null, "pi-1", "{}");
    append(
        "recipient:app",
        "KEY_COMPROMISE_REPORTED",
        "j",
        null,
        "pi-2",
        "{\"reason\":\"leak\",\"versions\":[1]}");
    append("carol", "KEY_COMPROMISE_DISMISSED", "j", null, "pi-2", "{}");

    ControlResult result = evaluate(new SeparationOfDutiesRule());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.findings())
        .extracting(ControlFinding::statement)
        .containsExactly(
            "bob decided on their own request",
            "requested by recipient:app, decided by officer carol");
    assertThat(result.findings().get(0).ledgerSequences()).containsExactly(1L, 2L);
  }

  @Test
  void anInvalidChainOrAnEntryLeftUnsignedPastTheIntervalFailsSix() {
    append("alice", "KEY_GENERATION_REQUESTED", "k", 1, "pi-1", "{}");
    Supplier<ControlRule> control = () -> new LedgerIntegrityRule(Duration.ofHours(1), 0);
    assertThat(evaluate(control.get()).verdict())
        .as("unsigned for 30 minutes of a one-hour interval")
        .isEqualTo(Verdict.PASS);
    assertThat(evaluate(new LedgerIntegrityRule(Duration.ofMinutes(10), 0)).verdict())
        .isEqualTo(Verdict.FAIL);

    chain = new LedgerVerification(false, 0, 1L, "hash mismatch");
    ControlResult broken = evaluate(control.get());
    assertThat(broken.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(broken.findings().get(0).statement())
        .isEqualTo("invalid at sequence 1: hash mismatch");
    assertThat(broken.findings().get(0).ledgerSequences()).containsExactly(1L);
  }

  @Test
  void anApprovalByItsRequesterOrBySomeoneOutsideTheOfficerGroupFailsEight() {
    append("alice", "KEY_GENERATION_REQUESTED", "a", 1, "pi-1", "{}");
    append("bob", "KEY_GENERATION_APPROVED", "a", null, "pi-1", "{}");
    append("carol", "KEY_ROTATION_REQUESTED", "b", 1, "pi-2", "{}");
    append("carol", "KEY_ROTATION_APPROVED", "b", null, "pi-2", "{}");
    append("alice", "KEY_DISTRIBUTION_REQUESTED", "c", 1, "pi-3", "{}");
    append("mallory", "KEY_DISTRIBUTION_REJECTED", "c", null, "pi-3", "{\"comment\":\"no\"}");

    ControlResult result = evaluate(new SeparationOfDutiesRule());

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.findings())
        .extracting(ControlFinding::statement)
        .containsExactly(
            "carol decided on their own request",
            "mallory is not in the security-officer group",
            "requested by alice, decided by officer bob");
    assertThat(result.findings().get(0).ledgerSequences()).containsExactly(3L, 4L);
  }
}
