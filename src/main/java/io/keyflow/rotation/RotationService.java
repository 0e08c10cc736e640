package io.keyflow.rotation;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.Approved;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.distribution.RecipientHoldings;
import io.keyflow.generation.KeyRequest;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.CampaignReference;
import io.keyflow.ledger.details.KeyRotated;
import io.keyflow.ledger.details.KeyRotationRequested;
import io.keyflow.rotation.NewPrimary.Authority;
import io.keyflow.rotation.NewPrimary.Compromised;
import io.keyflow.rotation.NewPrimary.Deactivated;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key rotation after approval (procedure 4.4.2–4.4.4): generates the new version in the vault and
 * records the switch — new version ACTIVE and primary, old version DEACTIVATED and retained — with
 * one {@code KEY_ROTATED} ledger entry, all in one transaction under the key's row lock. The
 * request it acts on comes from its ledger entry (see {@link RotationRequests}). The emergency
 * rotation after a compromise generates and records its replacement through here too.
 */
@Service
public class RotationService {

  private static final Logger log = LoggerFactory.getLogger(RotationService.class);

  private final Keys keys;
  private final KeyVault vault;
  private final PhaseSteps steps;
  private final RecipientHoldings holdings;
  private final Clock clock;

  RotationService(
      Keys keys, KeyVault vault, PhaseSteps steps, RecipientHoldings holdings, Clock clock) {
    this.keys = keys;
    this.vault = vault;
    this.steps = steps;
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
    return generate(
        order(
            steps.approved(
                ApprovalPhase.ROTATION, processInstanceId, 1, "generate the new key version")));
  }

  /**
   * Generates (or finds) the new version an approved order names; the caller has checked the
   * approval in the ledger (a campaign's per-key step through {@link
   * io.keyflow.approval.ApprovalGuard#requireCampaignItem}).
   */
  public VaultKey generate(RotationOrder accepted) {
    ManagedKey key = keys.findById(accepted.keyId()).orElseThrow();
    if (keys.findVersion(accepted.newVersionId()).isEmpty()) {
      requireStillPrimary(key, accepted.oldVersionId());
    }
    return generateVersion(key, accepted.newVersionId(), accepted.newVersionNumber());
  }

  /**
   * Generates (or, on a retry, finds) version {@code number} of a key in the vault under {@code
   * versionId}, with the key's algorithm, exportability and purpose; the caller has checked its
   * approval.
   */
  public VaultKey generateVersion(ManagedKey key, UUID versionId, int number) {
    return vault.generate(
        new KeySpec(
            versionId,
            KeyRequest.label(key.alias(), number),
            key.algorithm(),
            key.exportable(),
            key.purpose().vaultRole()));
  }

  /**
   * Records the rotation: the new version ACTIVE and primary (provenance and KCV read back from the
   * vault), the old one DEACTIVATED and retained, and {@code KEY_ROTATED} naming both and citing
   * the request and approval entries — in one transaction with the key's row locked. Idempotent: a
   * second call returns what the first recorded.
   *
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no approval (nothing is
   *     recorded)
   */
  @Transactional
  public RotationRecorded record(String processInstanceId) {
    Approved approved =
        steps.approved(ApprovalPhase.ROTATION, processInstanceId, 1, "record the rotation");
    return recordNewPrimary(newPrimary(order(approved), Authority.of(approved)));
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
    return recordNewPrimary(
        newPrimary(
            accepted,
            new Authority(
                processInstanceId, accepted.requestedBy(), approvers, null, null, campaign)));
  }

  /**
   * Records a new version of a key as its ACTIVE primary — provenance and KCV read back from the
   * vault — and what becomes of the version it replaces, with one {@code KEY_ROTATED} entry, in one
   * transaction with the key's row locked. Idempotent: a second call changes nothing and returns
   * what the first recorded.
   *
   * @return the new version, the deactivated one (null when none was deactivated) and the
   *     recipients to receive the new one
   * @throws Refusal CONFLICT when a rotation's old version is no longer the ACTIVE primary
   * @throws KeyVaultException.KeyNotFound when the vault does not hold the new version (nothing is
   *     recorded)
   */
  @Transactional
  public RotationRecorded recordNewPrimary(NewPrimary order) {
    ManagedKey key = keys.lock(order.keyId()).orElseThrow();
    Deactivated deactivating = order.replaced() instanceof Deactivated d ? d : null;
    Compromised compromised = order.replaced() instanceof Compromised c ? c : null;
    var already = keys.findVersion(order.versionId());
    if (already.isPresent()) {
      return deactivating == null
          ? new RotationRecorded(already.get(), null, compromised.holders())
          : new RotationRecorded(
              already.get(),
              keys.findVersion(deactivating.versionId()).orElseThrow(),
              holdings.recipientsHolding(deactivating.versionId()));
    }
    KeyVersion old =
        deactivating == null ? null : requireStillPrimary(key, deactivating.versionId());
    VaultKey inVault =
        vault
            .find(order.versionId())
            .orElseThrow(() -> new KeyVaultException.KeyNotFound(order.versionId()));
    Instant now = clock.instant();
    Authority by = order.authority();
    KeyVersion created =
        KeyVersion.activated(
            order.versionId(),
            key.id(),
            order.number(),
            vault.backend(),
            inVault.label(),
            inVault.kcv(),
            inVault.provenance(),
            now,
            order.encryptPeriod(),
            by.requestedBy(),
            String.join(",", by.approvers()),
            by.processInstanceId());
    // The version being replaced: a rotation's old version (checked to be the primary above), or
    // the compromised primary after a compromise.
    String replacedId = Objects.toString(key.primaryVersionId(), null);
    KeyVersion deactivated = null;
    List<String> recipients;
    if (deactivating != null) {
      deactivated = old.deactivate(now, deactivating.retention());
      keys.recordRotation(created, deactivated);
      recipients = holdings.recipientsHolding(old.id());
    } else {
      keys.recordNewPrimary(created);
      recipients = compromised.holders();
    }
    CampaignReference campaign = by.campaign();
    steps.record(
        LedgerEvent.builder(LedgerAction.KEY_ROTATED, by.requestedBy())
            .key(key.id(), key.alias())
            .version(created.id(), created.number())
            .processInstance(by.processInstanceId())
            .details(
                new KeyRotated(
                    replacedId,
                    old == null ? null : old.number(),
                    created.id().toString(),
                    created.number(),
                    created.kcv(),
                    created.vaultBackend(),
                    created.hsmLabel(),
                    created.protectStopAt(),
                    deactivated == null ? null : deactivated.deactivatedAt(),
                    deactivated == null ? null : deactivated.retainUntil(),
                    by.requestedBy(),
                    by.approvers(),
                    order.reason(),
                    recipients,
                    compromised == null ? null : true,
                    compromised == null ? null : compromised.versions(),
                    campaign == null ? null : campaign.campaign(),
                    campaign == null ? null : campaign.requestSeq(),
                    campaign == null ? null : campaign.approvalSeqs(),
                    by.requestSeq(),
                    by.approvalSeqs()))
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

  private static NewPrimary newPrimary(RotationOrder accepted, Authority authority) {
    return new NewPrimary(
        accepted.keyId(),
        accepted.newVersionId(),
        accepted.newVersionNumber(),
        accepted.encryptPeriod(),
        accepted.reason(),
        authority,
        new Deactivated(accepted.oldVersionId(), accepted.retention()));
  }

  private KeyVersion requireStillPrimary(ManagedKey key, UUID oldVersionId) {
    KeyVersion old = keys.findVersion(oldVersionId).orElseThrow();
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

  /** The order the request entry of an approved rotation recorded. */
  private static RotationOrder order(Approved approved) {
    KeyRotationRequested details = approved.details(KeyRotationRequested.class);
    return new RotationOrder(
        approved.keyId(),
        approved.versionId(),
        UUID.fromString(details.newVersionId()),
        details.newVersion(),
        Duration.ofDays(details.encryptPeriodDays()),
        Duration.ofDays(details.retentionDays()),
        details.reason(),
        approved.requestedBy());
  }
}
