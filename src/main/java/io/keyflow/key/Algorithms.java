package io.keyflow.key;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Text;
import java.util.Locale;
import java.util.Map;

/**
 * Names of algorithms as people write them in requests ({@code AES-256}, {@code RSA-3072}, {@code
 * EC-P256}, {@code HMAC-SHA256}), and the well-known weak ones refused with a reason.
 */
public final class Algorithms {

  private static final Map<String, String> WEAK =
      Map.ofEntries(
          Map.entry("AES-128", "AES-128 is below the policy minimum of AES-256"),
          Map.entry("AES-192", "AES-192 is below the policy minimum of AES-256"),
          Map.entry("3DES", "3DES (Triple DES) is deprecated (NIST SP 800-131A) and not allowed"),
          Map.entry("DES", "DES is broken and not allowed"),
          Map.entry("TDES", "3DES (Triple DES) is deprecated (NIST SP 800-131A) and not allowed"),
          Map.entry("RSA-1024", "RSA-1024 is below the policy minimum of RSA-3072"),
          Map.entry("RSA-2048", "RSA-2048 is below the policy minimum of RSA-3072"));

  private Algorithms() {}

  /** The request name of an algorithm, e.g. {@code AES-256}. */
  public static String name(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case AES_256 -> "AES-256";
      case RSA_3072 -> "RSA-3072";
      case RSA_4096 -> "RSA-4096";
      case EC_P256 -> "EC-P256";
      case EC_P384 -> "EC-P384";
      case HMAC_SHA256 -> "HMAC-SHA256";
    };
  }

  /** Parses a request's algorithm name; refuses weak and unknown ones with a reason. */
  public static KeyAlgorithm parse(String name) {
    if (name == null || name.isBlank()) {
      throw new Refusal(Refusal.Kind.INVALID_REQUEST, "algorithm is required (e.g. AES-256)");
    }
    String normalised = name.trim().toUpperCase(Locale.ROOT).replace('_', '-');
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      if (name(algorithm).equals(normalised)) {
        return algorithm;
      }
    }
    String weak = WEAK.get(normalised);
    if (weak != null) {
      throw new Refusal(Refusal.Kind.POLICY_VIOLATED, weak);
    }
    throw new Refusal(
        Refusal.Kind.INVALID_REQUEST,
        "Unknown algorithm '"
            + Text.abbreviate(name, 40)
            + "'; known: AES-256, RSA-3072, RSA-4096, EC-P256, EC-P384, HMAC-SHA256");
  }
}
