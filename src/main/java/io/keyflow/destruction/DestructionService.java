package io.keyflow.destruction;

import io.keyflow.approval.ApprovalGuard;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.ApprovalService;
import io.keyflow.hsm.KeyVault;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.CampaignReference;
import io.keyflow.ledger.details.KeyDestroyed;
import io.keyflow.ledger.details.KeyDestructionRequested;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key destruction after approval (procedure 4.5.1–4.5.3): destroys the approved version in the
 * vault, verifies that it is gone, and records the DESTROYED tombstone with {@code KEY_DESTROYED}
 * in one transaction under the key's row lock. The request it acts on comes from its ledger entry
 * (see {@link DestructionRequests}).
 */
@Service
public class DestructionService {

  private final Keys keys;
  private final KeyVault vault;
  private final Ledger ledger;
  private final RequestEntries requests;
  private final ApprovalService approvals;
  private final ApprovalGuard guard;
  private final DestructionSettings settings;
  private final Clock clock;

  DestructionService(
      Keys keys,
      KeyVault vault,
      Ledger ledger,
      RequestEntries requests,
      ApprovalService approvals,
      ApprovalGuard guard,
      DestructionSettings settings,
      Clock clock) {
    this.keys = keys;
    this.vault = vault;
    this.ledger = ledger;
    this.requests = requests;
    this.approvals = approvals;
    this.guard = guard;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Destroys the approved version in the vault (C_DestroyObject; erasure in the software vault).
   * Checks first, again, that the approvals are complete and the version may be destroyed now.
   *
   * @return whether this call removed the object; false when it was already gone (a retry after a
   *     destruction whose recording failed) or the version is already recorded as destroyed
   * @throws io.keyflow.approval.ApprovalMissing when the ledger lacks the approvals (nothing is
   *     destroyed)
   */
  public boolean destroyInVault(String processInstanceId) {
    guard.requireApprovals(
        ApprovalPhase.DESTRUCTION,
        processInstanceId,
        settings.requiredApprovals(),
        "destroy the key version");
    return destroyInVault(accepted(processInstanceId));
  }

  /**
   * Destroys the version an approved order names; the caller has checked the approvals in the
   * ledger (a campaign's per-version step through {@link ApprovalGuard#requireCampaignItem}).
   */
  public boolean destroyInVault(DestructionOrder accepted) {
    KeyVersion version = keys.findVersion(accepted.versionId()).orElseThrow();
    if (!version.state().isLive()) {
      return false;
    }
    version.destroy(clock.instant());
    return vault.destroy(version.hsmKeyId());
  }

  /**
   * Verifies that the vault no longer holds the version.
   *
   * @throws DestructionNotVerified when it still does: the job fails and is retried, then becomes
   *     an incident
   */
  public void verifyDestroyed(String processInstanceId) {
    verifyDestroyed(accepted(processInstanceId));
  }

  /** Verifies that the vault no longer holds the version an order names. */
  public void verifyDestroyed(DestructionOrder accepted) {
    KeyVersion version = keys.findVersion(accepted.versionId()).orElseThrow();
    if (version.state().isLive() && vault.find(version.hsmKeyId()).isPresent()) {
      throw new DestructionNotVerified(
          "Version "
              + version.number()
              + " of key '"
              + accepted.alias()
              + "' ("
              + version.hsmLabel()
              + ") is still in the vault after its destruction");
    }
  }

  /**
   * Records the version DESTROYED (its metadata stays as a tombstone) and writes {@code
   * KEY_DESTROYED} with the approvers, in one transaction with the key's row locked. Idempotent.
   */
  @Transactional
  public KeyVersion record(String processInstanceId, boolean vaultObjectDestroyed) {
    return record(
        accepted(processInstanceId),
        processInstanceId,
        vaultObjectDestroyed,
        approvals.approversSoFar(processInstanceId),
        null);
  }

  /**
   * Records an order's destruction as {@link #record(String, boolean)} does, with the approvers
   * given and the campaign, if any, that authorised it named in {@code KEY_DESTROYED}.
   *
   * @param campaign the campaign's request and approval entries, or null for a single destruction
   */
  @Transactional
  public KeyVersion record(
      DestructionOrder accepted,
      String processInstanceId,
      boolean vaultObjectDestroyed,
      List<String> approvers,
      CampaignReference campaign) {
    ManagedKey key = keys.lock(accepted.keyId()).orElseThrow();
    KeyVersion version = keys.findVersion(accepted.versionId()).orElseThrow();
    if (!version.state().isLive()) {
      return version;
    }
    KeyVersion destroyed = version.destroy(clock.instant());
    keys.recordTransition(destroyed);
    ledger.append(
        LedgerEvent.builder(LedgerAction.KEY_DESTROYED, accepted.requestedBy())
            .key(key.id(), key.alias())
            .version(destroyed.id(), destroyed.number())
            .processInstance(processInstanceId)
            .details(
                new KeyDestroyed(
                    destroyed.destroyedAt(),
                    version.state().name(),
                    version.retainUntil(),
                    version.kcv(),
                    version.vaultBackend(),
                    version.hsmLabel(),
                    vaultObjectDestroyed,
                    true,
                    accepted.requestedBy(),
                    approvers,
                    accepted.reason(),
                    campaign == null ? null : campaign.campaign(),
                    campaign == null ? null : campaign.requestSeq(),
                    campaign == null ? null : campaign.approvalSeqs()))
            .build());
    return destroyed;
  }

  private DestructionOrder accepted(String processInstanceId) {
    LedgerEntry entry = requests.find(processInstanceId, LedgerAction.KEY_DESTRUCTION_REQUESTED);
    return new DestructionOrder(
        UUID.fromString(entry.keyId()),
        entry.keyAlias(),
        UUID.fromString(entry.versionId()),
        entry.details(KeyDestructionRequested.class).reason(),
        entry.actor());
  }
}
