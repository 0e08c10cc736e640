package io.keyflow.key;

import io.keyflow.hsm.KeyAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A managed key: a stable alias with a purpose and policy, and a series of versions of which one is
 * primary (used to encrypt or wrap).
 *
 * @param encryptPeriod how long a version may encrypt before rotation (protect-stop)
 * @param retention how long a deactivated version is kept for decryption
 * @param environment where the key is used; it is only ever distributed to recipients there
 */
public record ManagedKey(
    UUID id,
    String alias,
    KeyPurpose purpose,
    KeyAlgorithm algorithm,
    String owner,
    boolean exportable,
    Duration encryptPeriod,
    Duration retention,
    String justification,
    UUID primaryVersionId,
    Instant createdAt,
    Environment environment) {

  public ManagedKey {
    environment = environment == null ? Environment.PRODUCTION : environment;
  }

  public ManagedKey withPrimaryVersion(UUID versionId) {
    return new ManagedKey(
        id,
        alias,
        purpose,
        algorithm,
        owner,
        exportable,
        encryptPeriod,
        retention,
        justification,
        versionId,
        createdAt,
        environment);
  }
}
