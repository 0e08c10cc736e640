package io.keyflow.access.camunda;

import io.keyflow.access.AccessProcesses;
import io.keyflow.access.AccessReviewProcess;
import io.keyflow.access.KeyAccessGrantProcess;
import io.keyflow.engine.ProcessSupport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/** {@link AccessProcesses} on the engine: starts as the caller the filter authenticated. */
@Component
class EngineAccessProcesses implements AccessProcesses {

  private final RuntimeService runtime;

  EngineAccessProcesses(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public Started requestGrant(Map<String, Object> variables) {
    return started(
        runtime
            .createProcessInstanceByKey(KeyAccessGrantProcess.PROCESS_KEY)
            .setVariables(variables)
            .executeWithVariablesInReturn());
  }

  @Override
  public Started startReview() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(AccessReviewProcess.PROCESS_KEY);
    return new Started(instance.getId(), null, Map.of());
  }

  private static Started started(ProcessInstanceWithVariables instance) {
    VariableMap variables = instance.getVariables();
    Object reason = variables.get(ProcessSupport.VAR_REFUSAL_REASON);
    return new Started(
        instance.getId(),
        reason == null ? null : reason.toString(),
        Collections.unmodifiableMap(new LinkedHashMap<>(variables)));
  }
}
