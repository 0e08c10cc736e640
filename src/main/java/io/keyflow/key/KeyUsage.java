package io.keyflow.key;

import io.keyflow.key.internal.KeyRepository;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Text;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The one gate every path that <em>uses</em> key material passes before it reaches the vault:
 * encrypt/decrypt today, wrap for distribution and sign later. It looks the version up in the
 * inventory and refuses, in words, any use its state does not allow — above all any use of a
 * destroyed version.
 */
@Service
public class KeyUsage {

  /** A version that may be used for the requested operation, with its key. */
  public record UsableVersion(ManagedKey key, KeyVersion version) {}

  private final KeyRepository keys;

  KeyUsage(KeyRepository keys) {
    this.keys = keys;
  }

  /**
   * The version of key {@code alias} to use: {@code number}, or the primary version when {@code
   * number} is null.
   *
   * @throws Refusal NOT_FOUND for an unknown key or version; VERSION_NOT_USABLE when the version's
   *     state does not allow {@code operation}
   */
  public UsableVersion requireUsable(String alias, Integer number, KeyOperation operation) {
    KeyRepository.KeyAndVersion found =
        keys.findWithVersion(alias, number)
            .orElseThrow(
                () ->
                    new Refusal(
                        Refusal.Kind.NOT_FOUND,
                        "No key with alias '" + Text.abbreviate(alias, 64) + "'"));
    ManagedKey key = found.key();
    KeyVersion version = found.version();
    if (version == null && number == null) {
      throw new Refusal(
          Refusal.Kind.VERSION_NOT_USABLE, "Key '" + key.alias() + "' has no primary version");
    }
    if (version == null) {
      throw new Refusal(
          Refusal.Kind.NOT_FOUND, "Key '" + key.alias() + "' has no version " + number);
    }
    version.requireUsableFor(operation, key.alias());
    return new UsableVersion(key, version);
  }

  /** As {@link #requireUsable(String, Integer, KeyOperation)}, for a version known by its id. */
  public UsableVersion requireUsable(UUID versionId, KeyOperation operation) {
    KeyVersion version =
        keys.findVersion(versionId)
            .orElseThrow(
                () -> new Refusal(Refusal.Kind.NOT_FOUND, "No key version with id " + versionId));
    ManagedKey key = keys.findById(version.keyId()).orElseThrow();
    version.requireUsableFor(operation, key.alias());
    return new UsableVersion(key, version);
  }
}
