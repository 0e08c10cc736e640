package io.keyflow.engine;

import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a process accepts as start variables: each variable's name, type and longest value. The
 * engine checks every start of a Keyflow process against its spec before anything is stored, so a
 * value the database cannot hold (a 10,000-character alias, a megabyte of justification), a value
 * of the wrong type, a control character or a variable nobody asked for is refused with a 400 and
 * never reaches the history. Whether a well-formed value is a good request (a known purpose, an
 * alias that is free) is the check step's business, which ends the process on its refusal event.
 *
 * <p>Limits here are storage limits, deliberately wider than the request rules (an alias of 65 to
 * 128 characters is still refused by the check step, with a ledger entry).
 */
public record StartVariables(String processKey, Map<String, Field> fields) {

  /** Longest identifier-like value (alias, recipient, version, requester). */
  public static final int MAX_NAME = 128;

  /** Longest free text (justification, reason). */
  public static final int MAX_TEXT = 2000;

  /** The value types a start variable may have. */
  public enum Type {
    TEXT("text"),
    BOOLEAN("true or false"),
    TEXT_OR_WHOLE_NUMBER("text or a whole number");

    private final String description;

    Type(String description) {
      this.description = description;
    }
  }

  /** One accepted variable; {@code maxLength} applies to text. */
  public record Field(String name, Type type, int maxLength) {}

  /**
   * A value the engine holds in a form Keyflow never accepts (a file, bytes, a date, a serialized
   * object).
   */
  public record Unsupported(String typeName) {}

  public StartVariables {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static StartVariables of(String processKey, Field... fields) {
    return new StartVariables(
        processKey,
        Arrays.stream(fields)
            .collect(Collectors.toMap(Field::name, f -> f, (a, b) -> a, LinkedHashMap::new)));
  }

  /** A process started only by its timer or by another process: it accepts no variables. */
  public static StartVariables none(String processKey) {
    return new StartVariables(processKey, Map.of());
  }

  public static Field name(String name) {
    return new Field(name, Type.TEXT, MAX_NAME);
  }

  public static Field text(String name) {
    return new Field(name, Type.TEXT, MAX_TEXT);
  }

  public static Field flag(String name) {
    return new Field(name, Type.BOOLEAN, 0);
  }

  public static Field days(String name) {
    return new Field(name, Type.TEXT_OR_WHOLE_NUMBER, 16);
  }

  public static Field nameOrNumber(String name) {
    return new Field(name, Type.TEXT_OR_WHOLE_NUMBER, MAX_NAME);
  }

  /**
   * Checks the variables a start supplies (null values are allowed: an empty form field).
   *
   * @throws Refusal INVALID_REQUEST naming the first variable that breaks the spec
   */
  public void check(Map<String, ?> variables) {
    for (Map.Entry<String, ?> variable : variables.entrySet()) {
      Field field = fields.get(variable.getKey());
      if (field == null) {
        throw refusal(
            "Variable '"
                + shown(variable.getKey())
                + "' is not part of a "
                + processKey
                + " request; "
                + (fields.isEmpty()
                    ? "this process takes no variables"
                    : "send only " + String.join(", ", fields.keySet())));
      }
      checkValue(field, variable.getValue());
    }
  }

  /** Checks a business key the caller chose (the processes set their own from the alias). */
  public static void checkBusinessKey(String businessKey) {
    if (businessKey != null) {
      checkText("The business key", businessKey, MAX_NAME);
    }
  }

  private void checkValue(Field field, Object value) {
    if (value == null) {
      return;
    }
    String what = "Variable '" + field.name() + "'";
    boolean accepted =
        switch (field.type()) {
          case TEXT -> value instanceof String;
          case BOOLEAN -> value instanceof Boolean;
          case TEXT_OR_WHOLE_NUMBER -> value instanceof String || isWholeNumber(value);
        };
    if (!accepted) {
      throw refusal(what + " must be " + field.type().description + "; it is " + describe(value));
    }
    if (value instanceof String text) {
      checkText(what, text, field.maxLength());
    }
  }

  private static void checkText(String what, String text, int maxLength) {
    if (text.length() > maxLength) {
      throw refusal(
          what
              + " is "
              + text.length()
              + " characters long; at most "
              + maxLength
              + " are allowed");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowedWhitespace = c == '\n' || c == '\r' || c == '\t';
      if ((Character.isISOControl(c) && !allowedWhitespace)
          || Character.isSurrogate(c) && !validSurrogate(text, i)) {
        throw refusal(
            what
                + " contains a control or invalid character at position "
                + (i + 1)
                + "; use printable text only");
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
  }

  private static boolean validSurrogate(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  private static boolean isWholeNumber(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return true;
    }
    return value instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15;
  }

  private static String describe(Object value) {
    if (value instanceof Unsupported unsupported) {
      return "a value of type " + unsupported.typeName();
    }
    if (value instanceof String) {
      return "text";
    }
    if (value instanceof Boolean) {
      return "true or false";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return "another kind of value";
  }

  private static String shown(String name) {
    String printable = name.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }

  private static Refusal refusal(String message) {
    return new Refusal(Kind.INVALID_REQUEST, message);
  }
}
