package io.keyflow.compliance;

import java.util.List;

/**
 * The live verdict on one control of OP-PROC-001, with every row that proves it.
 *
 * @param id the procedure's section, e.g. {@code 4.1}
 * @param title what the control demands, in one line
 * @param verdict PASS when every row holds (and, for controls that need one, at least one row
 *     exists)
 * @param summary the verdict in one sentence, e.g. "3 of 120 active versions are past their
 *     protect-stop"
 * @param findings the rows, failing ones first
 */
public record ControlResult(
    String id, String title, Verdict verdict, String summary, List<ControlFinding> findings) {

  public ControlResult {
    findings = findings.stream().sorted((a, b) -> Boolean.compare(a.holds(), b.holds())).toList();
  }

  /** A result that fails exactly when a finding fails. */
  static ControlResult of(
      String id, String title, List<ControlFinding> findings, String passSummary) {
    long failed = findings.stream().filter(f -> !f.holds()).count();
    String summary =
        failed == 0
            ? passSummary
            : failed
                + " of "
                + Texts.count(findings.size(), "row")
                + (failed == 1 ? " breaks" : " break")
                + " the control";
    return new ControlResult(id, title, Verdict.of(failed == 0), summary, findings);
  }
}
