package io.keyflow.rotation;

import io.keyflow.approval.ApprovalGuard;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.ApprovalService;
import io.keyflow.distribution.RecipientHoldings;
import io.keyflow.generation.KeyGenerationService;
import io.keyflow.generation.KeyRequest;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.CampaignReference;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.KeyRotationRequested;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key rotation after approval (procedure 4.4.2–4.4.4): generates the new version in the vault and
 * records the switch — new version ACTIVE and primary, old version DEACTIVATED and retained — with
 * one {@code KEY_ROTATED} ledger entry, all in one transaction under the key's row lock. The
 * request it acts on comes from its ledger entry (see {@link RotationRequests}).
 */
@Service
public class RotationService {

  private static final Logger log = LoggerFactory.getLogger(RotationService.class);

  private final Keys keys;
  private final KeyGenerationService generation;
  private final KeyVault vault;
  private final Ledger ledger;
  private final RequestEntries requests;
  private final ApprovalService approvals;
  private final ApprovalGuard guard;
  private final RecipientHoldings holdings;
  private final Clock clock;

  RotationService(
      Keys keys,
      KeyGenerationService generation,
      KeyVault vault,
      Ledger ledger,
      RequestEntries requests,
      ApprovalService approvals,
      ApprovalGuard guard,
      RecipientHoldings holdings,
      Clock clock) {
    this.keys = keys;
    this.generation = generation;
    this.vault = vault;
    this.ledger = ledger;
    this.requests = requests;
    this.approvals = approvals;
    this.guard = guard;
    this.holdings = holdings;
    this.clock = clock;
  }

  /**
   * Generates (or, on a retry, finds) the new version in the vault, under the id fixed when the
   * request was accepted.
   *
   * @throws Refusal CONFLICT if the key's primary changed since the request (the job fails and
   *     becomes an incident: somebody must look)
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no approval (nothing is
   *     generated)
   */
  public VaultKey generateNewVersion(String processInstanceId) {
    guard.requireApprovals(
        ApprovalPhase.ROTATION, processInstanceId, 1, "generate the new key version");
    return generate(accepted(processInstanceId));
  }

  /**
   * Generates (or finds) the new version an approved order names; the caller has checked the
   * approval in the ledger (a campaign's per-key step through {@link
   * ApprovalGuard#requireCampaignItem}).
   */
  public VaultKey generate(RotationOrder accepted) {
    ManagedKey key = keys.findById(accepted.keyId()).orElseThrow();
    if (keys.findVersion(accepted.newVersionId()).isEmpty()) {
      requireStillPrimary(key, accepted);
    }
    return generation.generateInVault(
        accepted.newVersionId(),
        KeyRequest.label(key.alias(), accepted.newVersionNumber()),
        key.algorithm(),
        key.exportable(),
        key.purpose());
  }

  /**
   * Records the rotation: the new version ACTIVE and primary (provenance and KCV read back from the
   * vault), the old one DEACTIVATED and retained, and {@code KEY_ROTATED} naming both — in one
   * transaction with the key's row locked. Idempotent: a second call returns what the first
   * recorded.
   */
  @Transactional
  public RotationRecorded record(String processInstanceId) {
    return record(
        accepted(processInstanceId),
        processInstanceId,
        approvals.approversSoFar(processInstanceId),
        null);
  }

  /**
   * Records an approved order's rotation as {@link #record(String)} does, with the approvers given
   * and the campaign, if any, that authorised it named in the {@code KEY_ROTATED} details.
   *
   * @param campaign the campaign's request and approval entries, or null for a single rotation
   */
  @Transactional
  public RotationRecorded record(
      RotationOrder accepted,
      String processInstanceId,
      List<String> approvers,
      CampaignReference campaign) {
    ManagedKey key = keys.lock(accepted.keyId()).orElseThrow();
    var already = keys.findVersion(accepted.newVersionId());
    if (already.isPresent()) {
      return new RotationRecorded(
          already.get(),
          keys.findVersion(accepted.oldVersionId()).orElseThrow(),
          holdings.recipientsHolding(accepted.oldVersionId()));
    }
    KeyVersion old = requireStillPrimary(key, accepted);
    VaultKey inVault =
        vault
            .find(accepted.newVersionId())
            .orElseThrow(() -> new KeyVaultException.KeyNotFound(accepted.newVersionId()));
    Instant now = clock.instant();
    String approvedBy = String.join(",", approvers);
    KeyVersion created =
        KeyVersion.activated(
            accepted.newVersionId(),
            key.id(),
            accepted.newVersionNumber(),
            vault.backend(),
            inVault.label(),
            inVault.kcv(),
            inVault.provenance(),
            now,
            accepted.encryptPeriod(),
            accepted.requestedBy(),
            approvedBy,
            processInstanceId);
    KeyVersion deactivated = old.deactivate(now, accepted.retention());
    keys.recordRotation(created, deactivated);
    List<String> recipients = holdings.recipientsHolding(old.id());
    ledger.append(
        LedgerEvent.builder(LedgerAction.KEY_ROTATED, accepted.requestedBy())
            .key(key.id(), key.alias())
            .version(created.id(), created.number())
            .processInstance(processInstanceId)
            .details(
                new KeyRotated(
                    old.id().toString(),
                    old.number(),
                    created.id().toString(),
                    created.number(),
                    created.kcv(),
                    created.vaultBackend(),
                    created.hsmLabel(),
                    created.protectStopAt(),
                    deactivated.deactivatedAt(),
                    deactivated.retainUntil(),
                    accepted.requestedBy(),
                    approvers,
                    accepted.reason(),
                    recipients,
                    null,
                    null,
                    campaign == null ? null : campaign.campaign(),
                    campaign == null ? null : campaign.requestSeq(),
                    campaign == null ? null : campaign.approvalSeqs()))
            .build());
    return new RotationRecorded(created, deactivated, recipients);
  }

  /** Warns the officers that a rotation waits for approval past its deadline. */
  public void approvalOverdue(String alias, String processInstanceId, Instant waitingSince) {
    log.warn(
        "Rotation of key '{}' has waited for a security officer's approval since {} (process instance {}):"
            + " escalated to the security-officer group",
        alias,
        waitingSince,
        processInstanceId);
  }

  private KeyVersion requireStillPrimary(ManagedKey key, RotationOrder accepted) {
    KeyVersion old = keys.findVersion(accepted.oldVersionId()).orElseThrow();
    if (!old.id().equals(key.primaryVersionId()) || old.state() != KeyState.ACTIVE) {
      throw new Refusal(
          Kind.CONFLICT,
          "Version "
              + old.number()
              + " of key '"
              + key.alias()
              + "' is no longer the ACTIVE primary version"
              + " (it is "
              + old.state()
              + "): the key changed after this rotation was requested");
    }
    return old;
  }

  private RotationOrder accepted(String processInstanceId) {
    LedgerEntry entry = requests.find(processInstanceId, LedgerAction.KEY_ROTATION_REQUESTED);
    KeyRotationRequested details = entry.details(KeyRotationRequested.class);
    return new RotationOrder(
        UUID.fromString(entry.keyId()),
        UUID.fromString(entry.versionId()),
        UUID.fromString(details.newVersionId()),
        details.newVersion(),
        Duration.ofDays(details.encryptPeriodDays()),
        Duration.ofDays(details.retentionDays()),
        details.reason(),
        entry.actor());
  }
}
