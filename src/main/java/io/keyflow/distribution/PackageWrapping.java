package io.keyflow.distribution;

import io.keyflow.approval.Approved;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.key.KeyVersion;
import io.keyflow.recipient.RecipientCredentials;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The HSM step of a distribution: wraps the request's version in the vault, under the recipient's
 * public key (RSA-OAEP) or under its KEK (AES-KWP), and makes the package to hold until its
 * lifetime ends. Key material never passes through here: the vault returns it wrapped.
 */
@Component
class PackageWrapping {

  private final KeyVault vault;
  private final DistributionSettings settings;
  private final Clock clock;

  PackageWrapping(KeyVault vault, DistributionSettings settings, Clock clock) {
    this.vault = vault;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The package of an approved request, wrapped and HELD (not yet stored).
   *
   * @throws Refusal when the vault will not export the version or holds no object for it
   */
  DistributionPackage wrap(DistributionRequest request, UUID packageId, Approved approved) {
    KeyVersion version = request.version();
    Instant now = clock.instant();
    if (request.kek() != null) {
      KeyVersion kek = request.kek();
      WrappedKey wrapped =
          vaultWrap(version, () -> vault.wrapUnderKek(version.hsmKeyId(), kek.hsmKeyId()));
      return held(
          request,
          packageId,
          wrapped,
          WrappingMechanism.AES_KWP,
          null,
          request.recipient().kekAlias(),
          kek.id(),
          kek.kcv(),
          now,
          approved);
    }
    WrappingMechanism mechanism = request.mechanism();
    WrappedKey wrapped =
        vaultWrap(
            version,
            () ->
                vault.wrapForRecipient(
                    version.hsmKeyId(),
                    RecipientCredentials.rsaPublicKey(request.recipient().wrappingKeyPem()),
                    mechanism.oaepHash()));
    return held(
        request,
        packageId,
        wrapped,
        mechanism,
        request.recipient().wrappingKeySha256(),
        null,
        null,
        null,
        now,
        approved);
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
      DistributionRequest r,
      UUID packageId,
      WrappedKey wrapped,
      WrappingMechanism mechanism,
      String wrappingKeySha256,
      String kekAlias,
      UUID kekVersionId,
      String kekKcv,
      Instant now,
      Approved approved) {
    return new DistributionPackage(
        packageId,
        r.keyId(),
        r.alias(),
        r.version().id(),
        r.version().number(),
        r.algorithm(),
        r.version().kcv(),
        r.recipient().id(),
        r.recipient().name(),
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
        approved.requestedBy(),
        approved.approvedBy(),
        approved.request().processInstanceId());
  }
}
