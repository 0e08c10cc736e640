package io.keyflow.generation;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.Algorithms;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the raw fields of a generation request into a {@link KeyRequest}, or refuses it with a
 * reason: the checks particular to generation, which {@link KeyGenerationService} runs as its
 * request step.
 */
class KeyRequestValidator {

  /** Aliases are also part of HSM labels and URLs: keep them short and plain. */
  static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  static final int MAX_JUSTIFICATION = 2000;

  private final KeyPolicies policies;

  KeyRequestValidator(KeyPolicies policies) {
    this.policies = policies;
  }

  /**
   * Validates a request for a key used in {@code environment} (PRODUCTION or TEST; missing means
   * PRODUCTION).
   *
   * @param requestedBy the authenticated requester (the request step refused a request without one)
   */
  public KeyRequest validate(
      String alias,
      String purpose,
      String algorithm,
      Boolean exportable,
      String justification,
      String requestedBy,
      String environment) {
    String cleanAlias = checkAlias(alias);
    KeyPurpose keyPurpose = parsePurpose(purpose);
    KeyAlgorithm keyAlgorithm = Algorithms.parse(algorithm);
    KeyPolicy policy = policies.forPurpose(keyPurpose);
    policy.checkAlgorithm(keyAlgorithm);
    boolean export = Boolean.TRUE.equals(exportable);
    policy.checkExport(export);
    Environment keyEnvironment = Environment.parse(environment);
    if (justification == null || justification.isBlank()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "A justification is required: say why the key is needed");
    }
    if (justification.length() > MAX_JUSTIFICATION) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "The justification is longer than " + MAX_JUSTIFICATION + " characters");
    }
    return new KeyRequest(
        cleanAlias,
        keyPurpose,
        keyAlgorithm,
        export,
        justification.strip(),
        requestedBy,
        keyEnvironment);
  }

  static String checkAlias(String alias) {
    if (alias == null || alias.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "alias is required");
    }
    if (alias.length() > 64) {
      throw new Refusal(Kind.INVALID_REQUEST, "alias is longer than 64 characters");
    }
    if (!ALIAS.matcher(alias).matches()) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "alias may contain only letters, digits, '.', '_' and '-'");
    }
    return alias;
  }

  private static KeyPurpose parsePurpose(String purpose) {
    if (purpose == null || purpose.isBlank()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "purpose is required (DATA_AT_REST, DATA_IN_TRANSIT, KEY_WRAPPING, SIGNING, MAC)");
    }
    try {
      return KeyPurpose.valueOf(purpose.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          Kind.POLICY_VIOLATED,
          "Unknown purpose; allowed: DATA_AT_REST, DATA_IN_TRANSIT, KEY_WRAPPING, SIGNING, MAC");
    }
  }
}
