package io.keyflow.distribution.internal;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.recipient.Recipient;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;

/**
 * The rules a distribution must pass, before approval and again right before wrapping: the version
 * is the key's ACTIVE primary; the key may be exported (by its purpose's policy and as generated);
 * the recipient is active and in the key's environment; its wrapping key is strong enough.
 *
 * <p><b>Strength rule.</b> NIST SP 800-57 Part 1 asks for a wrapping key at least as strong as the
 * key it protects, and rates RSA-3072 at 128 bits against AES-256's 256 bits — taken literally, no
 * RSA recipient short of RSA-15360 could ever receive an AES-256 key, although the policy table
 * names RSA-3072+ as an approved key-wrapping algorithm. By default Keyflow therefore requires the
 * wrapping key to be an algorithm the (configurable, never looser) KEY_WRAPPING policy allows:
 * AES-256 (a KEK) or RSA of at least 3072 bits. {@code keyflow.distribution.require-equal-strength
 * = true} switches to the literal comparison of security strengths, under which RSA recipients of
 * AES-256 keys are refused and need a KEK.
 */
public final class DistributionRules {

  private DistributionRules() {}

  /** Refuses a version that is not the key's ACTIVE primary version. */
  public static void checkVersion(ManagedKey key, KeyVersion version) {
    if (version.state() != KeyState.ACTIVE) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          "Version "
              + version.number()
              + " of key '"
              + key.alias()
              + "' is "
              + version.state()
              + ": only the ACTIVE primary version of a key is distributed");
    }
    if (!version.id().equals(key.primaryVersionId())) {
      throw new Refusal(
          Kind.CONFLICT,
          "Version "
              + version.number()
              + " of key '"
              + key.alias()
              + "' is not its primary version;"
              + " only the primary version is distributed");
    }
  }

  /** Refuses keys that may not leave the vault, by policy or as generated. */
  public static void checkExportable(ManagedKey key, KeyVersion version, KeyPolicy policy) {
    if (!policy.exportAllowed()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          policy.purpose()
              + " keys are never exported: the policy keeps them in the vault, so '"
              + key.alias()
              + "' cannot be distributed");
    }
    if (!key.exportable() || !version.provenance().extractable()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Key '"
              + key.alias()
              + "' was generated non-exportable: it never leaves the HSM, not even"
              + " wrapped; systems use it through Keyflow instead");
    }
    if (key.algorithm().kind() != KeyAlgorithm.Kind.SECRET) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Only secret keys are distributed; '"
              + key.alias()
              + "' is "
              + Algorithms.name(key.algorithm()));
    }
  }

  /** Refuses a revoked recipient or one of another environment. */
  public static void checkRecipient(ManagedKey key, Recipient recipient) {
    if (recipient.isRevoked()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Recipient '"
              + recipient.name()
              + "' was revoked on "
              + recipient.revokedAt()
              + " and receives no keys");
    }
    if (recipient.environment() != key.environment()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Key '"
              + key.alias()
              + "' is a "
              + key.environment()
              + " key and is never distributed to the "
              + recipient.environment()
              + " recipient '"
              + recipient.name()
              + "'");
    }
    if (!recipient.hasWrappingKey()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "System '"
              + recipient.name()
              + "' has no wrapping key (it was registered for the crypto API only) and receives"
              + " no packages; an officer registers a wrapping public key or a KEK for it first");
    }
    if (!recipient.hasCertificate()) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "System '"
              + recipient.name()
              + "' has no live client certificate to pick a package up with; an officer adds one"
              + " first (POST /api/systems/"
              + recipient.name()
              + "/certificates)");
    }
  }

  /**
   * Refuses a wrapping key that is too weak for the key (see the class comment for the rule).
   *
   * @param wrappingPolicy the KEY_WRAPPING policy in force
   */
  public static void checkStrength(
      ManagedKey key, Recipient recipient, KeyPolicy wrappingPolicy, boolean requireEqualStrength) {
    KeyAlgorithm wrapping = wrappingAlgorithm(recipient);
    int wrappingStrength = wrappingStrength(recipient);
    int keyStrength = key.algorithm().securityStrength();
    if (requireEqualStrength) {
      if (wrappingStrength < keyStrength) {
        throw new Refusal(
            Kind.POLICY_VIOLATED,
            "Recipient '"
                + recipient.name()
                + "' wraps with "
                + recipient.wrappingDescription()
                + " ("
                + wrappingStrength
                + "-bit security), weaker than the "
                + keyStrength
                + " bits of "
                + Algorithms.name(key.algorithm())
                + " key '"
                + key.alias()
                + "' (keyflow.distribution.require-equal-strength=true): register an"
                + " AES-256 KEK for it");
      }
      return;
    }
    if (!recipient.usesKek()
        && (recipient.wrappingKeyBits() == null || recipient.wrappingKeyBits() < 3072)) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Recipient '" + recipient.name() + "' has no RSA wrapping key of at least 3072 bits");
    }
    if (!wrappingPolicy.algorithms().contains(wrapping)) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Recipient '"
              + recipient.name()
              + "' wraps with "
              + recipient.wrappingDescription()
              + ", which the KEY_WRAPPING policy does not allow (allowed: "
              + wrappingPolicy.algorithms().stream().map(Algorithms::name).sorted().toList()
              + ")");
    }
  }

  /** The policy algorithm a recipient's wrapping key counts as. */
  static KeyAlgorithm wrappingAlgorithm(Recipient recipient) {
    if (recipient.usesKek()) {
      return KeyAlgorithm.AES_256;
    }
    return recipient.wrappingKeyBits() != null && recipient.wrappingKeyBits() >= 4096
        ? KeyAlgorithm.RSA_4096
        : KeyAlgorithm.RSA_3072;
  }

  /** Security strength in bits of a recipient's wrapping key (NIST SP 800-57 Part 1, Table 2). */
  static int wrappingStrength(Recipient recipient) {
    return recipient.usesKek()
        ? KeyAlgorithm.AES_256.securityStrength()
        : rsaStrength(recipient.wrappingKeyBits());
  }

  /** RSA modulus size → security strength; between table rows the lower row applies. */
  public static int rsaStrength(Integer bits) {
    if (bits == null) {
      return 0;
    }
    if (bits >= 15360) {
      return 256;
    }
    if (bits >= 7680) {
      return 192;
    }
    if (bits >= 4096) {
      return KeyAlgorithm.RSA_4096.securityStrength();
    }
    if (bits >= 3072) {
      return KeyAlgorithm.RSA_3072.securityStrength();
    }
    return bits >= 2048 ? 112 : 80;
  }
}
