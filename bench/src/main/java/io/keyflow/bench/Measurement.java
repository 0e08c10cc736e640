package io.keyflow.bench;

/**
 * One line of the table: what was measured, the reference measured beside it in the same run, and
 * their ratio against the figure's goal.
 *
 * @param id the figure's id, possibly with a suffix (P1, P1-rest)
 * @param what what the figure measures, in words
 * @param measured the measured value with its unit, as printed
 * @param reference the reference value with its unit and what it is, as printed
 * @param ratio measured ÷ reference (NaN when not measured)
 * @param goal the goal, e.g. {@code >= 0.8}; met is decided on {@code goalValue}
 * @param goalValue the value the goal is checked against (the ratio, or seconds for P4)
 * @param met whether the goal holds (null when not measured)
 * @param note scale, extrapolation or anything else the reader must know
 */
record Measurement(
    String id,
    String what,
    String measured,
    String reference,
    double ratio,
    String goal,
    double goalValue,
    Boolean met,
    String note) {

  static Measurement atLeast(
      String id,
      String what,
      String measured,
      String reference,
      double ratio,
      double goal,
      String note) {
    return new Measurement(
        id, what, measured, reference, ratio, ">= " + goal, ratio, ratio >= goal, note);
  }

  static Measurement atMost(
      String id,
      String what,
      String measured,
      String reference,
      double ratio,
      double goal,
      String note) {
    return new Measurement(
        id, what, measured, reference, ratio, "<= " + goal, ratio, ratio <= goal, note);
  }

  static Measurement notMeasured(String id, String what, String note) {
    return new Measurement(id, what, "-", "-", Double.NaN, "-", Double.NaN, null, note);
  }
}
