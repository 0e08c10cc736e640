package io.keyflow.destruction;

import static io.keyflow.destruction.DestructionSweepProcess.*;

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
 * The daily sweep: starts one destruction, as {@code system:destruction-sweep}, for every
 * deactivated version whose retention has ended, and none for a version whose destruction is
 * already running.
 */
@Component
class StartDueDestructionsDelegate implements JavaDelegate {

  private final DestructionRequests destruction;

  StartDueDestructionsDelegate(DestructionRequests destruction) {
    this.destruction = destruction;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    List<String> started = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    ProcessSupport.asSystemPrincipal(execution, KeyDestructionProcess.SWEEP_PRINCIPAL, () -> {
      for (DueDestruction due : destruction.dueForDestruction()) {
        String name = due.alias() + "/v" + due.version();
        boolean running =
            runtime.createProcessInstanceQuery()
                    .processDefinitionKey(KeyDestructionProcess.PROCESS_KEY)
                    .processInstanceBusinessKey(due.alias())
                    .variableValueEquals(KeyDestructionProcess.VAR_VERSION_ID, due.versionId().toString())
                    .count() > 0;
        if (running) {
          skipped.add(name);
          continue;
        }
        ProcessInstance instance =
            runtime.startProcessInstanceByKey(
                KeyDestructionProcess.PROCESS_KEY,
                due.alias(),
                Map.of(
                    KeyDestructionProcess.VAR_ALIAS, due.alias(),
                    KeyDestructionProcess.VAR_VERSION, due.version(),
                    KeyDestructionProcess.VAR_REASON, due.reason()));
        (instance.isEnded() ? refused : started).add(name);
      }
    });
    execution.setVariable(VAR_DESTRUCTIONS_STARTED, String.join(",", started));
    execution.setVariable(VAR_DESTRUCTIONS_SKIPPED, String.join(",", skipped));
    execution.setVariable(VAR_DESTRUCTIONS_REFUSED, String.join(",", refused));
  }
}
