package io.keyflow.compliance;

import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.shared.Text;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A filtered, sorted page of the key inventory. Built from request parameters by {@link #parse},
 * which refuses unknown values with a sentence naming the allowed ones.
 *
 * @param state only keys whose primary version is in this state, or null
 * @param purpose only keys of this purpose, or null
 * @param environment only keys of this environment, or null
 * @param overdue true: only keys whose ACTIVE primary is past its protect-stop; null: any
 * @param sort the column to sort by
 * @param descending whether to sort descending
 * @param page the page, from 0
 * @param size rows per page, 1 to {@link #MAX_SIZE}
 */
public record InventoryQuery(
    KeyState state,
    KeyPurpose purpose,
    Environment environment,
    Boolean overdue,
    Sort sort,
    boolean descending,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;

  /** The columns the inventory sorts by. */
  public enum Sort {
    ALIAS,
    PURPOSE,
    STATE,
    ENVIRONMENT,
    PROTECT_STOP
  }

  public InventoryQuery {
    if (page < 0) {
      throw new ComplianceRefusal("page must be 0 or more; it is " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new ComplianceRefusal(
          "size must be between 1 and "
              + MAX_SIZE
              + "; it is "
              + size
              + ". Page through larger results");
    }
  }

  static InventoryQuery parse(
      String state,
      String purpose,
      String environment,
      String overdue,
      String sort,
      int page,
      int size) {
    boolean descending = sort != null && sort.startsWith("-");
    String column =
        sort == null || sort.isBlank() ? "alias" : descending ? sort.substring(1) : sort;
    return new InventoryQuery(
        value(KeyState.class, "state", state),
        value(KeyPurpose.class, "purpose", purpose),
        value(Environment.class, "environment", environment),
        flag(overdue),
        value(Sort.class, "sort", column.replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2")),
        descending,
        page,
        size);
  }

  private static Boolean flag(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.valueOf(value);
    }
    throw new ComplianceRefusal(
        "overdue must be true or false; it is '" + Text.abbreviate(value, 40) + "'");
  }

  private static <E extends Enum<E>> E value(Class<E> type, String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      String allowed =
          Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      throw new ComplianceRefusal(
          name + " '" + Text.abbreviate(value, 40) + "' is not one of " + allowed);
    }
  }
}
