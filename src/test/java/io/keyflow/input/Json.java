package io.keyflow.input;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Small JSON builders for the catalogue's request bodies. */
final class Json {

  private Json() {}

  /** A JSON string literal, escaping what JSON requires (control characters as \\u escapes). */
  static String str(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A Camunda variable: {@code "name":{"value":VALUE}} with VALUE raw JSON. */
  static String var(String name, String rawValue) {
    return str(name) + ":{\"value\":" + rawValue + "}";
  }

  /** A Camunda variable with a type and optional valueInfo (raw JSON object or null). */
  static String typed(String name, String rawValue, String type, String valueInfo) {
    return str(name)
        + ":{\"value\":"
        + rawValue
        + ",\"type\":"
        + str(type)
        + (valueInfo == null ? "" : ",\"valueInfo\":" + valueInfo)
        + "}";
  }

  /** {@code {"variables":{...}}} from variables made with {@link #var}. */
  static String variables(String... vars) {
    return "{\"variables\":{" + String.join(",", vars) + "}}";
  }

  /** A JSON object from alternating names and raw JSON values. */
  static String object(String... namesAndValues) {
    return "{" + Arrays.stream(pairs(namesAndValues)).collect(Collectors.joining(",")) + "}";
  }

  private static String[] pairs(String[] namesAndValues) {
    String[] pairs = new String[namesAndValues.length / 2];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = str(namesAndValues[2 * i]) + ":" + namesAndValues[2 * i + 1];
    }
    return pairs;
  }

  static String repeat(char c, int times) {
    return String.valueOf(c).repeat(times);
  }
}
