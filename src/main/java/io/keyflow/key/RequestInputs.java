package io.keyflow.key;

import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;

/**
 * Turns raw request fields (process variables from a form or REST) into values, or a clear refusal.
 */
public final class RequestInputs {

  public static final int MAX_REASON = 2000;

  private RequestInputs() {}

  /** A required alias; refuses a missing, non-text or overlong one. */
  public static String alias(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new Refusal(Kind.INVALID_REQUEST, "alias is required");
    }
    if (!(value instanceof String text)) {
      throw new Refusal(Kind.INVALID_REQUEST, "alias must be text");
    }
    if (text.length() > 64) {
      throw new Refusal(Kind.INVALID_REQUEST, "alias is longer than 64 characters");
    }
    return text.strip();
  }

  /** A required reason of at most {@value #MAX_REASON} characters. */
  public static String reason(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new Refusal(Kind.INVALID_REQUEST, "A reason is required: say why");
    }
    if (text.length() > MAX_REASON) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "The reason is longer than " + MAX_REASON + " characters");
    }
    return text.strip();
  }

  /**
   * An optional whole number of days; null when absent or blank.
   *
   * @param name the field's name, for the refusal message
   */
  public static Integer optionalDays(String name, Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    long days;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      days = ((Number) value).longValue();
    } else if (value instanceof Number number
        && number.doubleValue() == Math.rint(number.doubleValue())) {
      days = (long) number.doubleValue();
    } else if (value instanceof String text && text.strip().matches("[0-9]{1,6}")) {
      days = Long.parseLong(text.strip());
    } else {
      throw new Refusal(Kind.INVALID_REQUEST, name + " must be a whole number of days");
    }
    if (days <= 0 || days > 100_000) {
      throw new Refusal(Kind.INVALID_REQUEST, name + " must be a positive number of days");
    }
    return (int) days;
  }

  /** The alias to name in a refusal's ledger entry, or null when it is not a plausible alias. */
  public static String aliasForLedger(Object value) {
    return value instanceof String text && !text.isBlank() && text.length() <= 64
        ? text.strip()
        : null;
  }
}
