package io.keyflow.key;

import io.keyflow.shared.Refusal;
import java.util.Locale;

/**
 * Where a key or a recipient system is used. Keys never cross environments: a production key is
 * never distributed to a test recipient, and a test key never reaches a production one.
 */
public enum Environment {
  PRODUCTION,
  TEST;

  /**
   * The environment a request names; a missing value means {@link #PRODUCTION}, the safe default.
   */
  public static Environment parse(String value) {
    if (value == null || value.isBlank()) {
      return PRODUCTION;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(Refusal.Kind.INVALID_REQUEST, "environment must be PRODUCTION or TEST");
    }
  }
}
