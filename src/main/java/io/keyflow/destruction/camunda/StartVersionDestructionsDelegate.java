package io.keyflow.destruction.camunda;

import static io.keyflow.destruction.KeyDestructionProcess.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * "Destroy the whole key": starts one destruction per destroyable version, on behalf of the same
 * requester (still authenticated in this command), so that each version is checked, approved by two
 * officers and destroyed on its own, with its own ledger entries.
 */
@Component
class StartVersionDestructionsDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    String alias = execution.getProcessBusinessKey();
    List<String> started = new ArrayList<>();
    for (String number : ((String) execution.getVariable(VAR_VERSIONS_TO_DESTROY)).split(",")) {
      ProcessInstance instance =
          runtime.startProcessInstanceByKey(
              PROCESS_KEY,
              alias,
              Map.of(
                  VAR_ALIAS,
                  alias,
                  VAR_VERSION,
                  Integer.valueOf(number),
                  VAR_REASON,
                  execution.getVariable(VAR_REASON)));
      if (!instance.isEnded()) {
        started.add(number);
      }
    }
    execution.setVariable(VAR_DESTRUCTIONS_STARTED, String.join(",", started));
  }
}
