package io.keyflow.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every control judged live, evaluated at one instant.
 *
 * @param evaluatedAt the application clock's time of the evaluation
 * @param verdict PASS only when every control passes
 * @param controls in the procedure's order (4.1, 4.2, 4.3, 4.4, 4.5, 6, 8)
 */
public record ControlsReport(Instant evaluatedAt, Verdict verdict, List<ControlResult> controls) {

  public ControlsReport {
    controls = List.copyOf(controls);
  }

  /** The result of one control by its id, e.g. {@code "4.4"}. */
  public ControlResult control(String id) {
    return controls.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No control " + id));
  }

  /** The result of a control of the catalogue, empty for one that is not judged live. */
  public Optional<ControlResult> of(Control control) {
    return controls.stream().filter(c -> c.control().equals(control.id())).findFirst();
  }
}
