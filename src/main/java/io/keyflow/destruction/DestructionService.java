package io.keyflow.destruction;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.Approved;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.hsm.KeyVault;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.CampaignReference;
import io.keyflow.ledger.details.KeyDestroyed;
import io.keyflow.ledger.details.KeyDestructionRequested;
import java.time.Clock;
import java.util.List;
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
  private final PhaseSteps steps;
  private final DestructionSettings settings;
  private final Clock clock;

  DestructionService(
      Keys keys, KeyVault vault, PhaseSteps steps, DestructionSettings settings, Clock clock) {
    this.keys = keys;
    this.vault = vault;
    this.steps = steps;
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
    return destroyInVault(order(approved(processInstanceId, "destroy the key version")));
  }

  /**
   * Destroys the version an approved order names; the caller has checked the approvals in the
   * ledger (a campaign's per-version step through {@link
   * io.keyflow.approval.ApprovalGuard#requireCampaignItem}).
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
   * Verifies that the vault no longer holds the approved version.
   *
   * @throws DestructionNotVerified when it still does: the job fails and is retried, then becomes
   *     an incident
   */
  public void verifyDestroyed(String processInstanceId) {
    verifyDestroyed(order(approved(processInstanceId, "verify the destruction")));
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
   * Records the approved version DESTROYED (its metadata stays as a tombstone) and writes {@code
   * KEY_DESTROYED} with the approvers, citing the request and approval entries, in one transaction
   * with the key's row locked. Idempotent.
   */
  @Transactional
  public KeyVersion record(String processInstanceId, boolean vaultObjectDestroyed) {
    Approved approved = approved(processInstanceId, "record the destruction");
    return record(
        order(approved),
        processInstanceId,
        vaultObjectDestroyed,
        approved.approvers(),
        null,
        approved);
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
    return record(accepted, processInstanceId, vaultObjectDestroyed, approvers, campaign, null);
  }

  /**
   * @param approved the single request's entries the outcome cites, or null when a campaign
   *     authorised it
   */
  private KeyVersion record(
      DestructionOrder accepted,
      String processInstanceId,
      boolean vaultObjectDestroyed,
      List<String> approvers,
      CampaignReference campaign,
      Approved approved) {
    ManagedKey key = keys.lock(accepted.keyId()).orElseThrow();
    KeyVersion version = keys.findVersion(accepted.versionId()).orElseThrow();
    if (!version.state().isLive()) {
      return version;
    }
    KeyVersion destroyed = version.destroy(clock.instant());
    keys.recordTransition(destroyed);
    steps.record(
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
                    campaign == null ? null : campaign.approvalSeqs(),
                    approved == null ? null : approved.requestSeq(),
                    approved == null ? null : approved.approvalSeqs()))
            .build());
    return destroyed;
  }

  private Approved approved(String processInstanceId, String step) {
    return steps.approved(
        ApprovalPhase.DESTRUCTION, processInstanceId, settings.requiredApprovals(), step);
  }

  private static DestructionOrder order(Approved approved) {
    return new DestructionOrder(
        approved.keyId(),
        approved.request().keyAlias(),
        approved.versionId(),
        approved.details(KeyDestructionRequested.class).reason(),
        approved.requestedBy());
  }
}
