package io.keyflow.key;

import io.keyflow.hsm.KeyAlgorithm;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The policy of every purpose, from {@code keyflow.policy.<purpose>.*} over the built-in defaults.
 * A configuration looser than the defaults — an algorithm the default does not allow, an encrypt
 * period over 365 days, export where the default forbids it, a non-positive retention — stops
 * start-up with a sentence naming the setting.
 */
@ConfigurationProperties("keyflow")
public class KeyPolicies {

  /** Configurable overrides for one purpose; unset fields keep the default. */
  public record Override(
      Set<KeyAlgorithm> algorithms,
      Duration encryptPeriod,
      Duration retention,
      Boolean exportAllowed) {}

  private final Map<KeyPurpose, KeyPolicy> policies = new EnumMap<>(KeyPurpose.class);

  public KeyPolicies(Map<KeyPurpose, Override> policy) {
    Map<KeyPurpose, Override> overrides = policy;
    for (KeyPurpose purpose : KeyPurpose.values()) {
      KeyPolicy base = KeyPolicy.defaults(purpose);
      Override override = overrides == null ? null : overrides.get(purpose);
      policies.put(purpose, override == null ? base : merge(base, override));
    }
  }

  /** The policy for a purpose. */
  public KeyPolicy forPurpose(KeyPurpose purpose) {
    return policies.get(purpose);
  }

  private static KeyPolicy merge(KeyPolicy base, Override override) {
    String prefix = "keyflow.policy." + base.purpose().name().toLowerCase().replace('_', '-');
    Set<KeyAlgorithm> algorithms =
        override.algorithms() == null ? base.algorithms() : override.algorithms();
    if (algorithms.isEmpty() || !base.algorithms().containsAll(algorithms)) {
      throw new IllegalStateException(
          prefix
              + ".algorithms must be a non-empty subset of "
              + base.algorithms()
              + "; it may not allow more");
    }
    Duration encryptPeriod =
        override.encryptPeriod() == null ? base.encryptPeriod() : override.encryptPeriod();
    if (encryptPeriod.isNegative()
        || encryptPeriod.isZero()
        || encryptPeriod.compareTo(base.encryptPeriod()) > 0) {
      throw new IllegalStateException(
          prefix
              + ".encrypt-period must be positive and at most "
              + base.encryptPeriod().toDays()
              + " days (keys are rotated at least annually); it is "
              + encryptPeriod.toDays()
              + " days");
    }
    Duration retention = override.retention() == null ? base.retention() : override.retention();
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalStateException(prefix + ".retention must be positive");
    }
    boolean exportAllowed =
        override.exportAllowed() == null ? base.exportAllowed() : override.exportAllowed();
    if (exportAllowed && !base.exportAllowed()) {
      throw new IllegalStateException(
          prefix
              + ".export-allowed cannot be true: "
              + base.purpose()
              + " keys never leave the vault");
    }
    return new KeyPolicy(base.purpose(), algorithms, encryptPeriod, retention, exportAllowed);
  }
}
