package io.keyflow.evidence;

/** RFC 4180 cells, safe to open in a spreadsheet. */
final class Csv {

  private Csv() {}

  /**
   * Quotes a cell when it holds a comma, quote or line break. A cell a spreadsheet would run as a
   * formula (starting with {@code = + - @}) is prefixed with an apostrophe: free text such as a
   * justification or comment comes from users and must not execute on the auditor's machine.
   */
  static String cell(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
