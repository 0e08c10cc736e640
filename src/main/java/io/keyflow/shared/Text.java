package io.keyflow.shared;

/**
 * Text helpers for messages: what a refusal or a log line quotes of a caller's input, and what fits
 * in a process variable.
 */
public final class Text {

  /**
   * The longest text a string process variable holds: Camunda keeps strings of up to 4,000
   * characters in every supported database (longer ones fail the transaction). Every text written
   * into a variable for a form goes through {@link #fitVariable}.
   */
  public static final int MAX_VARIABLE_CHARS = 4000;

  private Text() {}

  /**
   * The value cut to at most {@code max} characters followed by an ellipsis, so that a refusal can
   * quote what it refuses without echoing a megabyte back; {@code null} reads as empty.
   */
  public static String abbreviate(String value, int max) {
    if (value == null) {
      return "";
    }
    return value.length() <= max ? value : value.substring(0, max) + "…";
  }

  /**
   * The text as it fits in a process variable: unchanged when it fits, else cut so that {@code
   * remark} (which says what was left out and where the whole text is) follows within {@link
   * #MAX_VARIABLE_CHARS}.
   */
  public static String fitVariable(String text, String remark) {
    if (text.length() <= MAX_VARIABLE_CHARS) {
      return text;
    }
    return text.substring(0, MAX_VARIABLE_CHARS - remark.length()) + remark;
  }
}
