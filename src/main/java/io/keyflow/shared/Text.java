package io.keyflow.shared;

/** Text helpers for messages: what a refusal or a log line quotes of a caller's input. */
public final class Text {

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
}
