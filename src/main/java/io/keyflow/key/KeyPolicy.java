package io.keyflow.key;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.util.Set;

/**
 * The rules for keys of one purpose: which algorithms, how long a version may encrypt before it
 * must be rotated, how long a deactivated version is retained, and whether keys may be exported
 * wrapped.
 */
public record KeyPolicy(
    KeyPurpose purpose,
    Set<KeyAlgorithm> algorithms,
    Duration encryptPeriod,
    Duration retention,
    boolean exportAllowed) {

  /** The longest encrypt period any policy may set: the procedure rotates at least annually. */
  public static final Duration MAX_ENCRYPT_PERIOD = Duration.ofDays(365);

  public KeyPolicy {
    algorithms = Set.copyOf(algorithms);
  }

  /** Keyflow's built-in policy for a purpose: the loosest a configuration may go. */
  public static KeyPolicy defaults(KeyPurpose purpose) {
    return switch (purpose) {
      case DATA_AT_REST ->
          new KeyPolicy(
              purpose,
              Set.of(KeyAlgorithm.AES_256),
              MAX_ENCRYPT_PERIOD,
              Duration.ofDays(3 * 365),
              true);
      case DATA_IN_TRANSIT ->
          new KeyPolicy(
              purpose, Set.of(KeyAlgorithm.AES_256), MAX_ENCRYPT_PERIOD, Duration.ofDays(30), true);
      case KEY_WRAPPING ->
          new KeyPolicy(
              purpose,
              Set.of(KeyAlgorithm.AES_256, KeyAlgorithm.RSA_3072, KeyAlgorithm.RSA_4096),
              MAX_ENCRYPT_PERIOD,
              Duration.ofDays(3 * 365),
              false);
      case SIGNING ->
          new KeyPolicy(
              purpose,
              Set.of(
                  KeyAlgorithm.RSA_3072,
                  KeyAlgorithm.RSA_4096,
                  KeyAlgorithm.EC_P256,
                  KeyAlgorithm.EC_P384),
              MAX_ENCRYPT_PERIOD,
              Duration.ofDays(365),
              false);
      // A deactivated MAC version still verifies tags made before the rotation, as long as a
      // signing key's.
      case MAC ->
          new KeyPolicy(
              purpose,
              Set.of(KeyAlgorithm.HMAC_SHA256),
              MAX_ENCRYPT_PERIOD,
              Duration.ofDays(365),
              false);
    };
  }

  /** Refuses an algorithm this purpose does not allow. */
  public void checkAlgorithm(KeyAlgorithm algorithm) {
    if (!algorithms.contains(algorithm)) {
      throw new Refusal(
          Refusal.Kind.POLICY_VIOLATED,
          Algorithms.name(algorithm)
              + " is not allowed for "
              + purpose
              + " keys; allowed: "
              + algorithms.stream().map(Algorithms::name).sorted().toList());
    }
  }

  /** Refuses export of keys of this purpose when the policy keeps them in the vault. */
  public void checkExport(boolean exportable) {
    if (exportable && !exportAllowed) {
      throw new Refusal(
          Refusal.Kind.POLICY_VIOLATED,
          purpose + " keys are never exported: the policy keeps them non-extractable in the vault");
    }
  }
}
