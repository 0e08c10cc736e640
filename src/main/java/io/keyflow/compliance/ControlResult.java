package io.keyflow.compliance;

import java.util.List;

/**
 * The live verdict on one control of the catalogue, with every row that proves it: what Cockpit's
 * Controls page shows and what an evidence pack prints under the control.
 *
 * @param id the OP-PROC-001 section the rule checks, e.g. {@code 4.1}
 * @param control the catalogue id, e.g. {@code KF-GEN}
 * @param title what the control demands, in one line
 * @param requirements the framework references the control answers
 * @param procedureSteps the OP-PROC-001 steps it implements
 * @param verdict PASS when every row holds (and, for controls that need one, at least one row
 *     exists)
 * @param summary the verdict in one sentence, e.g. "3 of 120 active versions are past their
 *     protect-stop"
 * @param findings the rows, failing ones first
 */
public record ControlResult(
    String id,
    String control,
    String title,
    List<String> requirements,
    List<String> procedureSteps,
    Verdict verdict,
    String summary,
    List<ControlFinding> findings) {

  public ControlResult {
    requirements = List.copyOf(requirements);
    procedureSteps = List.copyOf(procedureSteps);
    findings = findings.stream().sorted((a, b) -> Boolean.compare(a.holds(), b.holds())).toList();
  }

  /** A result of the control's rule with the verdict and summary given. */
  static ControlResult of(
      Control control, Verdict verdict, String summary, List<ControlFinding> findings) {
    return new ControlResult(
        control.section(),
        control.id(),
        control.demand(),
        control.requirements(),
        control.procedureSteps(),
        verdict,
        summary,
        findings);
  }

  /** A result that fails exactly when a finding fails. */
  static ControlResult of(Control control, List<ControlFinding> findings, String passSummary) {
    long failed = findings.stream().filter(f -> !f.holds()).count();
    String summary =
        failed == 0
            ? passSummary
            : failed
                + " of "
                + Texts.count(findings.size(), "row")
                + (failed == 1 ? " breaks" : " break")
                + " the control";
    return of(control, Verdict.of(failed == 0), summary, findings);
  }
}
