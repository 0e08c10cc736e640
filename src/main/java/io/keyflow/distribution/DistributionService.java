package io.keyflow.distribution;

import io.keyflow.approval.ApprovalGuard;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.ApprovalService;
import io.keyflow.distribution.internal.PackageRepository;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyDistributionExpired;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientCredentials;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key distribution after approval (procedure 4.2.2–4.2.3): wraps the approved version in the vault
 * for the recipient and holds the package for pickup, and expires packages nobody fetched. What it
 * wraps for whom comes from the request's ledger entry (see {@link DistributionRequests}), never
 * from process variables. Key material never passes through here: the vault returns it wrapped.
 */
@Service
public class DistributionService {

  private final DistributionRequests requests;
  private final Keys keys;
  private final RecipientRegistry recipients;
  private final PackageRepository packages;
  private final KeyVault vault;
  private final Ledger ledger;
  private final ApprovalService approvals;
  private final ApprovalGuard guard;
  private final Clock clock;
  private final DistributionSettings settings;

  DistributionService(
      DistributionRequests requests,
      Keys keys,
      RecipientRegistry recipients,
      PackageRepository packages,
      KeyVault vault,
      Ledger ledger,
      ApprovalService approvals,
      ApprovalGuard guard,
      Clock clock,
      DistributionSettings settings) {
    this.requests = requests;
    this.keys = keys;
    this.recipients = recipients;
    this.packages = packages;
    this.vault = vault;
    this.ledger = ledger;
    this.approvals = approvals;
    this.guard = guard;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Wraps the version this process instance's request names for the recipient it names, once the
   * ledger shows the approval, and holds the package for pickup; writes {@code KEY_WRAPPED}. Every
   * rule is checked again first (the key or recipient may have changed while the request waited); a
   * refusal is written to the ledger and rethrown. Idempotent by the request's package id: a
   * retried job returns the package a committed earlier attempt made.
   *
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no approval (nothing is
   *     wrapped)
   * @throws KeyVaultException.Unavailable when the vault cannot be reached (the job retries)
   */
  @Transactional(noRollbackFor = Refusal.class)
  public DistributionPackage wrap(String processInstanceId) {
    guard.requireApprovals(
        ApprovalPhase.DISTRIBUTION, processInstanceId, 1, "wrap the key for its recipient");
    DistributionRequests.Accepted accepted = requests.accepted(processInstanceId);
    Optional<DistributionPackage> existing = packages.find(accepted.packageId());
    if (existing.isPresent()) {
      return existing.get();
    }
    List<String> approvers = approvals.approversSoFar(processInstanceId);
    String approvedBy = String.join(",", approvers);
    try {
      DistributionRequest request =
          requests.check(accepted.alias(), accepted.recipient(), accepted.versionId().toString());
      Recipient target = recipients.get(request.recipient());
      KeyVersion version = keys.findVersion(request.versionId()).orElseThrow();
      Instant now = clock.instant();
      DistributionPackage wrapped =
          target.usesKek()
              ? wrapUnderKek(accepted, request, target, version, now, approvedBy, processInstanceId)
              : wrapForRecipient(
                  accepted, request, target, version, now, approvedBy, processInstanceId);
      packages.insert(wrapped);
      ledger.append(
          new LedgerEvent(
              accepted.requestedBy(),
              LedgerAction.KEY_WRAPPED,
              request.keyId(),
              request.alias(),
              request.versionId(),
              request.versionNumber(),
              processInstanceId,
              DistributionRequests.wrapped(
                  request, accepted.packageId(), wrapped.expiresAt(), approvedBy)));
      return wrapped;
    } catch (Refusal refusal) {
      requests.refused(
          accepted.requestedBy(),
          accepted.alias(),
          accepted.recipient(),
          "wrap",
          refusal,
          processInstanceId);
      throw refusal;
    }
  }

  /**
   * Expires the package of this process instance's request if nobody fetched it: erases its wrapped
   * bytes and writes {@code KEY_DISTRIBUTION_EXPIRED}. Does nothing to a package that was picked up
   * meanwhile.
   *
   * @return whether the package was expired now
   */
  @Transactional
  public boolean expire(String processInstanceId) {
    UUID packageId = requests.accepted(processInstanceId).packageId();
    DistributionPackage pkg = packages.lock(packageId).orElse(null);
    if (pkg == null || pkg.state() != PackageState.HELD) {
      return false;
    }
    Instant now = clock.instant();
    packages.markExpired(packageId, now);
    ledger.append(
        new LedgerEvent(
            "system:distribution-expiry",
            LedgerAction.KEY_DISTRIBUTION_EXPIRED,
            pkg.keyId(),
            pkg.keyAlias(),
            pkg.versionId(),
            pkg.versionNumber(),
            processInstanceId,
            new KeyDistributionExpired(
                packageId.toString(),
                pkg.recipientName(),
                pkg.expiresAt(),
                pkg.mechanism(),
                pkg.requestedBy())));
    return true;
  }

  public Optional<DistributionPackage> find(UUID packageId) {
    return packages.find(packageId);
  }

  /** Packages, newest first, optionally of one key and/or one recipient; at most {@code limit}. */
  public List<DistributionPackage> find(String alias, String recipient, int limit) {
    return packages.find(alias, recipient, Math.max(1, Math.min(limit, 1000)));
  }

  private DistributionPackage wrapForRecipient(
      DistributionRequests.Accepted accepted,
      DistributionRequest request,
      Recipient recipient,
      KeyVersion version,
      Instant now,
      String approvedBy,
      String processInstanceId) {
    WrappingMechanism mechanism = request.mechanism();
    WrappedKey wrapped =
        vaultWrap(
            version,
            () ->
                vault.wrapForRecipient(
                    version.hsmKeyId(),
                    RecipientCredentials.rsaPublicKey(recipient.wrappingKeyPem()),
                    mechanism.oaepHash()));
    return held(
        accepted,
        request,
        version,
        wrapped,
        mechanism,
        recipient.wrappingKeySha256(),
        null,
        null,
        null,
        now,
        approvedBy,
        processInstanceId);
  }

  private DistributionPackage wrapUnderKek(
      DistributionRequests.Accepted accepted,
      DistributionRequest request,
      Recipient recipient,
      KeyVersion version,
      Instant now,
      String approvedBy,
      String processInstanceId) {
    KeyVersion kek = requests.kekVersion(recipient);
    WrappedKey wrapped =
        vaultWrap(version, () -> vault.wrapUnderKek(version.hsmKeyId(), kek.hsmKeyId()));
    return held(
        accepted,
        request,
        version,
        wrapped,
        WrappingMechanism.AES_KWP,
        null,
        recipient.kekAlias(),
        kek.id(),
        kek.kcv(),
        now,
        approvedBy,
        processInstanceId);
  }

  private WrappedKey vaultWrap(KeyVersion version, Supplier<WrappedKey> wrap) {
    WrappedKey wrapped;
    try {
      wrapped = wrap.get();
    } catch (KeyVaultException.NotExtractable e) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "The vault refuses to export version "
              + version.number()
              + ": its object is not extractable"
              + " (run a storage attestation: the inventory says otherwise)");
    } catch (KeyVaultException.KeyNotFound e) {
      throw new Refusal(
          Kind.CONFLICT,
          "The vault holds no object for version "
              + version.number()
              + " (run a storage attestation)");
    }
    if (!version.kcv().equals(wrapped.kcv())) {
      // Not a business outcome: the vault's object is not the key the inventory recorded.
      throw new IllegalStateException(
          "The vault's check value for version "
              + version.id()
              + " differs from the inventory's; nothing was"
              + " distributed. Run a storage attestation");
    }
    return wrapped;
  }

  private DistributionPackage held(
      DistributionRequests.Accepted accepted,
      DistributionRequest r,
      KeyVersion version,
      WrappedKey wrapped,
      WrappingMechanism mechanism,
      String wrappingKeySha256,
      String kekAlias,
      UUID kekVersionId,
      String kekKcv,
      Instant now,
      String approvedBy,
      String processInstanceId) {
    return new DistributionPackage(
        accepted.packageId(),
        r.keyId(),
        r.alias(),
        version.id(),
        version.number(),
        r.algorithm(),
        version.kcv(),
        r.recipientId(),
        r.recipient(),
        mechanism.family(),
        mechanism.hashName(),
        mechanism.mgfName(),
        wrappingKeySha256,
        kekAlias,
        kekVersionId,
        kekKcv,
        Base64.getEncoder().encodeToString(wrapped.wrapped()),
        PackageState.HELD,
        now,
        now.plus(settings.packageLifetime()),
        null,
        null,
        null,
        null,
        null,
        accepted.requestedBy(),
        approvedBy,
        processInstanceId);
  }
}
