package io.keyflow.access;

import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a grant lets a system do with a key. {@code get} is the export of the key itself (only for
 * keys generated exportable whose policy allows it); {@code create} is the generation of new keys
 * of a purpose within an allowance (KMIP Create).
 */
public enum AccessOperation {
  ENCRYPT,
  DECRYPT,
  WRAP,
  UNWRAP,
  SIGN,
  VERIFY,
  GET,
  CREATE;

  /** The operation's name in requests, grants and usage counts, e.g. {@code encrypt}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The operation named {@code name} (case-insensitive), or an INVALID_REQUEST refusal. */
  public static AccessOperation parse(String name) {
    if (name != null) {
      for (AccessOperation operation : values()) {
        if (operation.wireName().equalsIgnoreCase(name.strip())) {
          return operation;
        }
      }
    }
    throw new Refusal(
        Kind.INVALID_REQUEST,
        "operations: '"
            + (name == null ? "" : io.keyflow.shared.Text.abbreviate(name, 32))
            + "' is not an operation; use "
            + Arrays.stream(values())
                .map(AccessOperation::wireName)
                .collect(Collectors.joining(", ")));
  }
}
