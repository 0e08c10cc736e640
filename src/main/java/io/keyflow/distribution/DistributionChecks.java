package io.keyflow.distribution;

import io.keyflow.distribution.internal.DistributionRules;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.OaepHash;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import io.keyflow.shared.Text;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Applies {@link DistributionRules} to a request as the inventory and the recipient registry stand
 * now: before the request is recorded, and again right before wrapping, because the key or the
 * recipient may have changed while the request waited for its approval. Writes nothing.
 */
@Component
class DistributionChecks {

  private final Keys keys;
  private final KeyPolicies policies;
  private final RecipientRegistry recipients;
  private final KeyVault vault;
  private final DistributionSettings settings;

  DistributionChecks(
      Keys keys,
      KeyPolicies policies,
      RecipientRegistry recipients,
      KeyVault vault,
      DistributionSettings settings) {
    this.keys = keys;
    this.policies = policies;
    this.recipients = recipients;
    this.vault = vault;
    this.settings = settings;
  }

  /**
   * Checks every rule for distributing {@code alias} (optionally pinned to a version) to a
   * recipient.
   *
   * @throws Refusal saying which rule the request breaks
   */
  DistributionRequest check(String alias, String recipientName, String pinnedVersionId) {
    if (alias == null || alias.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "alias is required: the key to distribute");
    }
    ManagedKey key =
        keys.findByAlias(alias)
            .orElseThrow(
                () ->
                    new Refusal(
                        Kind.NOT_FOUND, "No key with alias '" + Text.abbreviate(alias, 64) + "'"));
    if (recipientName == null || recipientName.isBlank()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "recipient is required: the registered recipient to distribute to");
    }
    Recipient recipient = recipients.get(recipientName);
    KeyVersion version = version(key, pinnedVersionId);
    DistributionRules.checkVersion(key, version);
    DistributionRules.checkExportable(key, version, policies.forPurpose(key.purpose()));
    DistributionRules.checkRecipient(key, recipient);
    DistributionRules.checkStrength(
        key,
        recipient,
        policies.forPurpose(KeyPurpose.KEY_WRAPPING),
        settings.requireEqualStrength());
    KeyVersion kek = recipient.usesKek() ? kekVersion(recipient) : null;
    return new DistributionRequest(
        key,
        version,
        recipient,
        kek,
        WrappingMechanism.forRecipient(recipient.usesKek(), oaepHash()));
  }

  /** The ACTIVE primary version of the recipient's KEK. */
  private KeyVersion kekVersion(Recipient recipient) {
    return keys.findByAlias(recipient.kekAlias())
        .filter(kek -> kek.primaryVersionId() != null)
        .flatMap(kek -> keys.findVersion(kek.primaryVersionId()))
        .filter(v -> v.state() == KeyState.ACTIVE)
        .orElseThrow(
            () ->
                new Refusal(
                    Kind.POLICY_VIOLATED,
                    "The KEK '"
                        + recipient.kekAlias()
                        + "' of recipient '"
                        + recipient.name()
                        + "' has no ACTIVE primary version"));
  }

  /** The OAEP hash packages are wrapped with: configured, or the vault's preferred one. */
  private OaepHash oaepHash() {
    return settings.oaepHash() != null ? settings.oaepHash() : vault.preferredOaepHash();
  }

  private KeyVersion version(ManagedKey key, String pinnedVersionId) {
    if (pinnedVersionId != null && !pinnedVersionId.isBlank()) {
      UUID id;
      try {
        id = UUID.fromString(pinnedVersionId.trim());
      } catch (IllegalArgumentException e) {
        throw new Refusal(Kind.INVALID_REQUEST, "versionId must be a version's UUID");
      }
      return keys.findVersion(id)
          .filter(v -> v.keyId().equals(key.id()))
          .orElseThrow(
              () -> new Refusal(Kind.NOT_FOUND, "Key '" + key.alias() + "' has no version " + id));
    }
    if (key.primaryVersionId() == null) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN, "Key '" + key.alias() + "' has no primary version");
    }
    return keys.findVersion(key.primaryVersionId()).orElseThrow();
  }
}
