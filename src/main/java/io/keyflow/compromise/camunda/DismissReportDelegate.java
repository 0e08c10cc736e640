package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.VAR_RESTORED_VERSIONS;

import io.keyflow.compromise.CompromiseService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After an officer dismissed the report: gives the contained versions their previous state back, if
 * it still can.
 */
@Component
class DismissReportDelegate implements JavaDelegate {

  private final CompromiseService compromise;

  DismissReportDelegate(CompromiseService compromise) {
    this.compromise = compromise;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var restored = compromise.dismiss(execution.getProcessInstanceId());
    execution.setVariable(
        VAR_RESTORED_VERSIONS,
        restored.isEmpty()
            ? "none"
            : String.join(",", restored.stream().map(String::valueOf).toList()));
  }
}
