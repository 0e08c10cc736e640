package io.keyflow.rotation;

import static io.keyflow.rotation.RotationSweepProcess.*;

import io.keyflow.engine.ProcessSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The daily sweep: starts one rotation, as {@code system:rotation-sweep}, for every key whose
 * primary version stops protecting within the lead time, and none for a key that already has a
 * rotation running.
 */
@Component
class StartDueRotationsDelegate implements JavaDelegate {

  private final RotationRequests rotation;

  StartDueRotationsDelegate(RotationRequests rotation) {
    this.rotation = rotation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    List<String> started = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    ProcessSupport.asSystemPrincipal(execution, KeyRotationProcess.SWEEP_PRINCIPAL, () -> {
      for (DueRotation due : rotation.dueForRotation()) {
        boolean running =
            runtime.createProcessInstanceQuery()
                    .processDefinitionKey(KeyRotationProcess.PROCESS_KEY)
                    .processInstanceBusinessKey(due.alias())
                    .count() > 0;
        if (running) {
          skipped.add(due.alias());
          continue;
        }
        ProcessInstance instance =
            runtime.startProcessInstanceByKey(
                KeyRotationProcess.PROCESS_KEY,
                due.alias(),
                Map.of(KeyRotationProcess.VAR_ALIAS, due.alias(), KeyRotationProcess.VAR_REASON, due.reason()));
        (instance.isEnded() ? refused : started).add(due.alias());
      }
    });
    execution.setVariable(VAR_ROTATIONS_STARTED, String.join(",", started));
    execution.setVariable(VAR_ROTATIONS_SKIPPED, String.join(",", skipped));
    execution.setVariable(VAR_ROTATIONS_REFUSED, String.join(",", refused));
  }
}
