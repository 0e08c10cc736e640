package io.keyflow.lifecycle.distribution;

import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyRefusal;
import io.keyflow.key.KeyRefusal.Kind;
import io.keyflow.key.KeyRepository;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientCredentials;
import io.keyflow.recipient.RecipientRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key distribution (procedure 4.2): checks a request, wraps the approved version in the vault for
 * the recipient and holds the package for pickup, and expires packages nobody fetched. Every step
 * writes its ledger entry in its transaction. Key material never passes through here: the vault
 * returns the key already wrapped.
 */
@Service
public class DistributionService {

  private final KeyRepository keys;
  private final KeyPolicies policies;
  private final RecipientRegistry recipients;
  private final PackageRepository packages;
  private final KeyVault vault;
  private final Ledger ledger;
  private final Clock clock;
  private final DistributionSettings settings;

  DistributionService(
      KeyRepository keys,
      KeyPolicies policies,
      RecipientRegistry recipients,
      PackageRepository packages,
      KeyVault vault,
      Ledger ledger,
      Clock clock,
      DistributionSettings settings) {
    this.keys = keys;
    this.policies = policies;
    this.recipients = recipients;
    this.packages = packages;
    this.vault = vault;
    this.ledger = ledger;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Checks a distribution request. A refusal is written to the ledger ({@code
   * KEY_DISTRIBUTION_REFUSED}, with the reason) and rethrown; an accepted request is written as
   * {@code KEY_DISTRIBUTION_REQUESTED}.
   *
   * @param versionId optional: the version the caller expects (must be the ACTIVE primary)
   * @param anotherRunning whether a distribution of this key to this recipient is already running
   */
  @Transactional(noRollbackFor = KeyRefusal.class)
  public DistributionRequest request(
      String alias, String recipient, String versionId, String requestedBy, boolean anotherRunning, String processInstanceId) {
    try {
      if (requestedBy == null || requestedBy.isBlank()) {
        throw new KeyRefusal(Kind.INVALID_REQUEST, "The request has no authenticated requester");
      }
      DistributionRequest request = check(alias, recipient, versionId);
      if (anotherRunning) {
        throw new KeyRefusal(Kind.CONFLICT,
            "A distribution of key '" + request.alias() + "' to '" + request.recipient() + "' is already in progress");
      }
      ledger.append(
          new LedgerEvent(requestedBy, LedgerAction.KEY_DISTRIBUTION_REQUESTED, request.keyId(), request.alias(),
              request.versionId(), request.versionNumber(), processInstanceId, describe(request)));
      return request;
    } catch (KeyRefusal refusal) {
      refused(requestedBy, alias, recipient, "request", refusal, processInstanceId);
      throw refusal;
    }
  }

  /**
   * Wraps the approved version for the recipient and holds the package for pickup; writes {@code
   * KEY_WRAPPED}. Every rule is checked again first (the key or recipient may have changed while
   * the request waited for approval); a refusal is written to the ledger and rethrown. Idempotent
   * by {@code packageId}: a retried job returns the package a committed earlier attempt made.
   *
   * @throws KeyVaultException.Unavailable when the vault cannot be reached (the job retries)
   */
  @Transactional(noRollbackFor = KeyRefusal.class)
  public DistributionPackage wrap(
      UUID packageId,
      String alias,
      String recipient,
      UUID versionId,
      String requestedBy,
      String approvedBy,
      String processInstanceId) {
    Optional<DistributionPackage> existing = packages.find(packageId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      DistributionRequest request = check(alias, recipient, versionId.toString());
      Recipient target = recipients.get(request.recipient());
      KeyVersion version = keys.findVersion(request.versionId()).orElseThrow();
      Instant now = clock.instant();
      DistributionPackage wrapped =
          target.usesKek()
              ? wrapUnderKek(packageId, request, target, version, now, requestedBy, approvedBy, processInstanceId)
              : wrapForRecipient(packageId, request, target, version, now, requestedBy, approvedBy, processInstanceId);
      packages.insert(wrapped);
      Map<String, Object> details = describe(request);
      details.put("packageId", packageId);
      details.put("expiresAt", wrapped.expiresAt());
      details.put("approvedBy", approvedBy);
      ledger.append(
          new LedgerEvent(requestedBy, LedgerAction.KEY_WRAPPED, request.keyId(), request.alias(), request.versionId(),
              request.versionNumber(), processInstanceId, details));
      return wrapped;
    } catch (KeyRefusal refusal) {
      refused(requestedBy, alias, recipient, "wrap", refusal, processInstanceId);
      throw refusal;
    }
  }

  /**
   * Expires a package nobody fetched: erases its wrapped bytes and writes {@code
   * KEY_DISTRIBUTION_EXPIRED}. Does nothing to a package that was picked up meanwhile.
   *
   * @return whether the package was expired now
   */
  @Transactional
  public boolean expire(UUID packageId, String processInstanceId) {
    DistributionPackage pkg = packages.lock(packageId).orElse(null);
    if (pkg == null || pkg.state() != PackageState.HELD) {
      return false;
    }
    Instant now = clock.instant();
    packages.markExpired(packageId, now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("packageId", packageId);
    details.put("recipient", pkg.recipientName());
    details.put("expiresAt", pkg.expiresAt());
    details.put("mechanism", pkg.mechanism());
    details.put("requestedBy", pkg.requestedBy());
    ledger.append(
        new LedgerEvent("system:distribution-expiry", LedgerAction.KEY_DISTRIBUTION_EXPIRED, pkg.keyId(), pkg.keyAlias(),
            pkg.versionId(), pkg.versionNumber(), processInstanceId, details));
    return true;
  }

  public Optional<DistributionPackage> find(UUID packageId) {
    return packages.find(packageId);
  }

  /** Packages, newest first, optionally of one key and/or one recipient; at most {@code limit}. */
  public List<DistributionPackage> find(String alias, String recipient, int limit) {
    return packages.find(alias, recipient, Math.max(1, Math.min(limit, 1000)));
  }

  /** The OAEP hash packages are wrapped with: configured, or the vault's preferred one. */
  OaepHash oaepHash() {
    return settings.oaepHash() != null ? settings.oaepHash() : vault.preferredOaepHash();
  }

  private DistributionRequest check(String alias, String recipientName, String pinnedVersionId) {
    if (alias == null || alias.isBlank()) {
      throw new KeyRefusal(Kind.INVALID_REQUEST, "alias is required: the key to distribute");
    }
    ManagedKey key =
        keys.findByAlias(alias)
            .orElseThrow(() -> new KeyRefusal(Kind.NOT_FOUND, "No key with alias '" + abbreviate(alias) + "'"));
    if (recipientName == null || recipientName.isBlank()) {
      throw new KeyRefusal(Kind.INVALID_REQUEST, "recipient is required: the registered recipient to distribute to");
    }
    Recipient recipient = recipients.get(recipientName);
    KeyVersion version = version(key, pinnedVersionId);
    DistributionRules.checkVersion(key, version);
    DistributionRules.checkExportable(key, version, policies.forPurpose(key.purpose()));
    DistributionRules.checkRecipient(key, recipient);
    DistributionRules.checkStrength(
        key, recipient, policies.forPurpose(KeyPurpose.KEY_WRAPPING), settings.requireEqualStrength());
    if (recipient.usesKek()) {
      kekVersion(recipient);
    }
    return new DistributionRequest(
        key.id(), key.alias(), version.id(), version.number(), Algorithms.name(key.algorithm()), version.kcv(),
        key.environment(), recipient.id(), recipient.name(), recipient.environment(), recipient.certificateSha256(),
        recipient.wrappingDescription(), recipient.usesKek() ? "AES-KWP" : "RSA-OAEP-" + hashName(oaepHash()));
  }

  private KeyVersion version(ManagedKey key, String pinnedVersionId) {
    if (pinnedVersionId != null && !pinnedVersionId.isBlank()) {
      UUID id;
      try {
        id = UUID.fromString(pinnedVersionId.trim());
      } catch (IllegalArgumentException e) {
        throw new KeyRefusal(Kind.INVALID_REQUEST, "versionId must be a version's UUID");
      }
      return keys.findVersion(id)
          .filter(v -> v.keyId().equals(key.id()))
          .orElseThrow(() -> new KeyRefusal(Kind.NOT_FOUND, "Key '" + key.alias() + "' has no version " + id));
    }
    if (key.primaryVersionId() == null) {
      throw new KeyRefusal(Kind.STATE_TRANSITION_FORBIDDEN, "Key '" + key.alias() + "' has no primary version");
    }
    return keys.findVersion(key.primaryVersionId()).orElseThrow();
  }

  private KeyVersion kekVersion(Recipient recipient) {
    return keys.findByAlias(recipient.kekAlias())
        .filter(kek -> kek.primaryVersionId() != null)
        .flatMap(kek -> keys.findVersion(kek.primaryVersionId()))
        .filter(v -> v.state() == KeyState.ACTIVE)
        .orElseThrow(() -> new KeyRefusal(Kind.POLICY_VIOLATED,
            "The KEK '" + recipient.kekAlias() + "' of recipient '" + recipient.name() + "' has no ACTIVE primary version"));
  }

  private DistributionPackage wrapForRecipient(
      UUID packageId, DistributionRequest request, Recipient recipient, KeyVersion version, Instant now,
      String requestedBy, String approvedBy, String processInstanceId) {
    OaepHash hash = oaepHash();
    WrappedKey wrapped =
        vaultWrap(version, () -> vault.wrapForRecipient(
            version.hsmKeyId(), RecipientCredentials.rsaPublicKey(recipient.wrappingKeyPem()), hash));
    String hashName = hashName(hash);
    return held(packageId, request, version, wrapped, "RSA-OAEP", hashName, "MGF1-" + hashName,
        recipient.wrappingKeySha256(), null, null, null, now, requestedBy, approvedBy, processInstanceId);
  }

  private DistributionPackage wrapUnderKek(
      UUID packageId, DistributionRequest request, Recipient recipient, KeyVersion version, Instant now,
      String requestedBy, String approvedBy, String processInstanceId) {
    KeyVersion kek = kekVersion(recipient);
    WrappedKey wrapped = vaultWrap(version, () -> vault.wrapUnderKek(version.hsmKeyId(), kek.hsmKeyId()));
    return held(packageId, request, version, wrapped, "AES-KWP", null, null, null, recipient.kekAlias(), kek.id(),
        kek.kcv(), now, requestedBy, approvedBy, processInstanceId);
  }

  private WrappedKey vaultWrap(KeyVersion version, java.util.function.Supplier<WrappedKey> wrap) {
    WrappedKey wrapped;
    try {
      wrapped = wrap.get();
    } catch (KeyVaultException.NotExtractable e) {
      throw new KeyRefusal(Kind.POLICY_VIOLATED,
          "The vault refuses to export version " + version.number() + ": its object is not extractable"
              + " (run a storage attestation: the inventory says otherwise)");
    } catch (KeyVaultException.KeyNotFound e) {
      throw new KeyRefusal(Kind.CONFLICT,
          "The vault holds no object for version " + version.number() + " (run a storage attestation)");
    }
    if (!version.kcv().equals(wrapped.kcv())) {
      // Not a business outcome: the vault's object is not the key the inventory recorded.
      throw new IllegalStateException(
          "The vault's check value for version " + version.id() + " differs from the inventory's; nothing was"
              + " distributed. Run a storage attestation");
    }
    return wrapped;
  }

  private DistributionPackage held(
      UUID packageId, DistributionRequest r, KeyVersion version, WrappedKey wrapped, String mechanism, String oaepHash,
      String oaepMgf, String wrappingKeySha256, String kekAlias, UUID kekVersionId, String kekKcv, Instant now,
      String requestedBy, String approvedBy, String processInstanceId) {
    return new DistributionPackage(
        packageId, r.keyId(), r.alias(), version.id(), version.number(), r.algorithm(), version.kcv(), r.recipientId(),
        r.recipient(), mechanism, oaepHash, oaepMgf, wrappingKeySha256, kekAlias, kekVersionId, kekKcv,
        Base64.getEncoder().encodeToString(wrapped.wrapped()), PackageState.HELD, now,
        now.plus(settings.packageLifetime()), null, null, null, null, null, requestedBy,
        approvedBy == null ? "" : approvedBy, processInstanceId);
  }

  private void refused(String requestedBy, String alias, String recipient, String stage, KeyRefusal refusal, String pid) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", refusal.getMessage());
    details.put("stage", stage);
    details.put("recipient", recipient == null || recipient.length() > 64 ? null : recipient);
    ManagedKey key = alias == null || alias.length() > 64 ? null : keys.findByAlias(alias).orElse(null);
    ledger.append(
        new LedgerEvent(
            requestedBy == null || requestedBy.isBlank() ? "anonymous" : requestedBy,
            LedgerAction.KEY_DISTRIBUTION_REFUSED,
            key == null ? null : key.id(),
            alias == null || alias.length() > 64 ? null : alias,
            null, null, pid, details));
  }

  private static Map<String, Object> describe(DistributionRequest r) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("recipient", r.recipient());
    details.put("recipientId", r.recipientId());
    details.put("environment", r.environment());
    details.put("recipientCertificateSha256", r.recipientCertificateSha256());
    details.put("wrapping", r.wrapping());
    details.put("mechanism", r.mechanism());
    details.put("kcv", r.kcv());
    return details;
  }

  private static String hashName(OaepHash hash) {
    return hash == OaepHash.SHA1 ? "SHA-1" : "SHA-256";
  }

  private static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }
}
