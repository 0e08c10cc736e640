package io.keyflow.compromise;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.Approved;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.rotation.NewPrimary;
import io.keyflow.rotation.RotationRecorded;
import io.keyflow.rotation.RotationService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency rotation after a confirmed compromise of a key's primary version: the replacement
 * version (id and number fixed in the report's ledger entry) is generated in the vault and made
 * ACTIVE and primary at once, without waiting for the rotation sweep or a second approval. The
 * officer's confirmation is the approval: the vault is only called when the ledger shows a {@code
 * KEY_COMPROMISE_CONFIRMED} by an officer other than the reporter. The compromised versions stay
 * COMPROMISED (never DEACTIVATED: they must not decrypt) until their destruction. Generating and
 * recording are rotation's ({@link RotationService}).
 */
@Service
public class EmergencyRotation {

  private static final ApprovalPhase PHASE = ApprovalPhase.COMPROMISE;

  private final Keys keys;
  private final KeyPolicies policies;
  private final RotationService rotation;
  private final PhaseSteps steps;

  EmergencyRotation(Keys keys, KeyPolicies policies, RotationService rotation, PhaseSteps steps) {
    this.keys = keys;
    this.policies = policies;
    this.rotation = rotation;
    this.steps = steps;
  }

  /** The replacement planned by the report, and what it replaces. */
  private record Plan(
      UUID keyId,
      UUID replacementId,
      int replacementNumber,
      List<Integer> compromised,
      List<String> holders,
      String reason,
      String reportedBy) {}

  /**
   * Generates (or, on a retry, finds) the replacement version in the vault.
   *
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no confirmation (nothing is
   *     generated)
   */
  public VaultKey generateReplacement(String processInstanceId) {
    Plan plan =
        plan(steps.approved(PHASE, processInstanceId, 1, "generate the replacement key version"));
    ManagedKey key = keys.findById(plan.keyId()).orElseThrow();
    return rotation.generateVersion(key, plan.replacementId(), plan.replacementNumber());
  }

  /**
   * Records the replacement ACTIVE and primary, with one {@code KEY_ROTATED} entry marked {@code
   * emergency} and citing the report and its confirmation, in one transaction with the key's row
   * locked. Idempotent: a second call changes nothing and returns the version the first recorded.
   *
   * @return the replacement and the recipients holding the compromised versions
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no confirmation (nothing is
   *     recorded)
   */
  @Transactional
  public RotationRecorded record(String processInstanceId) {
    Approved approved =
        steps.approved(PHASE, processInstanceId, 1, "record the emergency rotation");
    Plan plan = plan(approved);
    ManagedKey key = keys.findById(plan.keyId()).orElseThrow();
    Duration period =
        shorter(key.encryptPeriod(), policies.forPurpose(key.purpose()).encryptPeriod());
    return rotation.recordNewPrimary(
        new NewPrimary(
            plan.keyId(),
            plan.replacementId(),
            plan.replacementNumber(),
            period,
            "Emergency rotation after a confirmed compromise: " + plan.reason(),
            NewPrimary.Authority.of(approved),
            new NewPrimary.Compromised(plan.compromised(), plan.holders())));
  }

  /** What the report's ledger entry planned; never process variables. */
  private static Plan plan(Approved approved) {
    KeyCompromiseReported details = approved.details(KeyCompromiseReported.class);
    if (details.replacementVersionId() == null) {
      throw new IllegalStateException(
          "The compromise report of process instance "
              + approved.request().processInstanceId()
              + " did not contain the primary version:"
              + " there is no replacement to make");
    }
    return new Plan(
        approved.keyId(),
        UUID.fromString(details.replacementVersionId()),
        details.replacementVersion(),
        new ArrayList<>(details.versions()),
        new ArrayList<>(details.recipientsHolding()),
        details.reason(),
        approved.requestedBy());
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
