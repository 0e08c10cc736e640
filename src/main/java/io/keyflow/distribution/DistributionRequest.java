package io.keyflow.distribution;

import io.keyflow.key.Algorithms;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.recipient.Recipient;
import java.util.UUID;

/**
 * A distribution that passed every rule: which version of which key goes to which recipient, and
 * how it will be wrapped.
 *
 * @param kek the ACTIVE primary version of the recipient's KEK the version is wrapped under, or
 *     null when it is wrapped under the recipient's public key
 */
public record DistributionRequest(
    ManagedKey key,
    KeyVersion version,
    Recipient recipient,
    KeyVersion kek,
    WrappingMechanism mechanism) {

  public UUID keyId() {
    return key.id();
  }

  public String alias() {
    return key.alias();
  }

  public UUID versionId() {
    return version.id();
  }

  public int versionNumber() {
    return version.number();
  }

  public String algorithm() {
    return Algorithms.name(key.algorithm());
  }

  public String kcv() {
    return version.kcv();
  }

  /** The key's environment. */
  public Environment environment() {
    return key.environment();
  }

  /** The recipient's wrapping key in words, e.g. {@code RSA-3072 (OAEP)}. */
  public String wrapping() {
    return recipient.wrappingDescription();
  }
}
