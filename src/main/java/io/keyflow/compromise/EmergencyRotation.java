package io.keyflow.compromise;

import io.keyflow.approval.ApprovalGuard;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.ApprovalService;
import io.keyflow.generation.KeyGenerationService;
import io.keyflow.generation.KeyRequest;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.KeyCompromiseReported;
import io.keyflow.ledger.details.KeyRotated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency rotation after a confirmed compromise of a key's primary version: the replacement
 * version (id and number fixed in the report's ledger entry) is generated in the vault and made
 * ACTIVE and primary at once, without waiting for the rotation sweep or a second approval. The
 * officer's confirmation is the approval: the vault is only called when the ledger shows a {@code
 * KEY_COMPROMISE_CONFIRMED} by an officer other than the reporter. The compromised versions stay
 * COMPROMISED (never DEACTIVATED: they must not decrypt) until their destruction.
 */
@Service
public class EmergencyRotation {

  private final Keys keys;
  private final KeyPolicies policies;
  private final KeyGenerationService generation;
  private final KeyVault vault;
  private final Ledger ledger;
  private final RequestEntries requests;
  private final ApprovalService approvals;
  private final ApprovalGuard guard;
  private final Clock clock;

  EmergencyRotation(
      Keys keys,
      KeyPolicies policies,
      KeyGenerationService generation,
      KeyVault vault,
      Ledger ledger,
      RequestEntries requests,
      ApprovalService approvals,
      ApprovalGuard guard,
      Clock clock) {
    this.keys = keys;
    this.policies = policies;
    this.generation = generation;
    this.vault = vault;
    this.ledger = ledger;
    this.requests = requests;
    this.approvals = approvals;
    this.guard = guard;
    this.clock = clock;
  }

  /** The replacement planned by the report, and what it replaces. */
  public record Plan(
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
    guard.requireApprovals(
        ApprovalPhase.COMPROMISE, processInstanceId, 1, "generate the replacement key version");
    Plan plan = plan(processInstanceId);
    ManagedKey key = keys.findById(plan.keyId()).orElseThrow();
    return generation.generateInVault(
        plan.replacementId(),
        KeyRequest.label(key.alias(), plan.replacementNumber()),
        key.algorithm(),
        key.exportable(),
        key.purpose());
  }

  /**
   * Records the replacement ACTIVE and primary, with one {@code KEY_ROTATED} entry marked {@code
   * emergency}, in one transaction with the key's row locked. Idempotent: a second call changes
   * nothing and returns the version the first recorded.
   */
  @Transactional
  public KeyVersion record(String processInstanceId) {
    Plan plan = plan(processInstanceId);
    ManagedKey key = keys.lock(plan.keyId()).orElseThrow();
    var already = keys.findVersion(plan.replacementId());
    if (already.isPresent()) {
      return already.get();
    }
    VaultKey inVault =
        vault
            .find(plan.replacementId())
            .orElseThrow(() -> new KeyVaultException.KeyNotFound(plan.replacementId()));
    Instant now = clock.instant();
    Duration period =
        shorter(key.encryptPeriod(), policies.forPurpose(key.purpose()).encryptPeriod());
    List<String> approvers = approvals.approversSoFar(processInstanceId);
    KeyVersion created =
        KeyVersion.activated(
            plan.replacementId(),
            key.id(),
            plan.replacementNumber(),
            vault.backend(),
            inVault.label(),
            inVault.kcv(),
            inVault.provenance(),
            now,
            period,
            plan.reportedBy(),
            String.join(",", approvers),
            processInstanceId);
    UUID oldPrimary = key.primaryVersionId();
    keys.recordNewPrimary(created);
    ledger.append(
        LedgerEvent.builder(LedgerAction.KEY_ROTATED, plan.reportedBy())
            .key(key.id(), key.alias())
            .version(created.id(), created.number())
            .processInstance(processInstanceId)
            .details(
                new KeyRotated(
                    Objects.toString(oldPrimary, null),
                    null,
                    created.id().toString(),
                    created.number(),
                    created.kcv(),
                    created.vaultBackend(),
                    created.hsmLabel(),
                    created.protectStopAt(),
                    null,
                    null,
                    plan.reportedBy(),
                    approvers,
                    "Emergency rotation after a confirmed compromise: " + plan.reason(),
                    plan.holders(),
                    true,
                    plan.compromised(),
                    null,
                    null,
                    null))
            .build());
    return created;
  }

  /** What the report's ledger entry planned; never process variables. */
  public Plan plan(String processInstanceId) {
    LedgerEntry report = requests.find(processInstanceId, LedgerAction.KEY_COMPROMISE_REPORTED);
    KeyCompromiseReported details = report.details(KeyCompromiseReported.class);
    if (details.replacementVersionId() == null) {
      throw new IllegalStateException(
          "The compromise report of process instance "
              + processInstanceId
              + " did not contain the primary version:"
              + " there is no replacement to make");
    }
    return new Plan(
        UUID.fromString(report.keyId()),
        UUID.fromString(details.replacementVersionId()),
        details.replacementVersion(),
        new ArrayList<>(details.versions()),
        new ArrayList<>(details.recipientsHolding()),
        details.reason(),
        report.actor());
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
