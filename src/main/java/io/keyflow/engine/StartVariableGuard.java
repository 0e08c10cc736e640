package io.keyflow.engine;

import io.keyflow.shared.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Checks every start of a Keyflow process against the process's {@link StartVariables} before
 * anything is stored: a built-in listener (one that {@code skipCustomListeners} cannot skip) on the
 * process's start runs after the engine set the start variables in memory and before any step or
 * flush, whoever starts it (REST start or form submission, Tasklist, a sweep, a call activity). A
 * refusal aborts the command, so the transaction is rolled back and no row is written; {@link
 * RefusalTranslation} turns it into a 400.
 */
@Component
class StartVariableGuard extends AbstractProcessEnginePlugin {

  /** The value types Keyflow accepts; files, bytes, dates and serialized objects are refused. */
  private static final Set<ValueType> PLAIN =
      Set.of(
          ValueType.STRING,
          ValueType.BOOLEAN,
          ValueType.INTEGER,
          ValueType.LONG,
          ValueType.SHORT,
          ValueType.DOUBLE,
          ValueType.NULL);

  private final StartVariableSpecs specs;

  StartVariableGuard(StartVariableSpecs specs) {
    this.specs = specs;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners =
        new ArrayList<>(
            configuration.getCustomPreBPMNParseListeners() == null
                ? List.of()
                : configuration.getCustomPreBPMNParseListeners());
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseProcess(
              Element processElement, ProcessDefinitionEntity processDefinition) {
            specs
                .forProcess(processDefinition.getKey())
                .ifPresent(
                    spec ->
                        processDefinition.addBuiltInListener(
                            ExecutionListener.EVENTNAME_START, new Check(spec), 0));
          }
        });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }

  /** The process-start check of one process. */
  record Check(StartVariables spec) implements ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
      VariableMap typed = execution.getVariablesLocalTyped(false);
      Map<String, Object> values = new LinkedHashMap<>();
      for (String name : typed.keySet()) {
        TypedValue value = typed.getValueTyped(name);
        values.put(
            name,
            value == null || PLAIN.contains(value.getType())
                ? (value == null ? null : value.getValue())
                : new StartVariables.Unsupported(value.getType().getName()));
      }
      if (execution instanceof ExecutionEntity instance && instance.getCaseInstanceId() != null) {
        throw new StartRefused(
            "Keyflow processes are not part of a CMMN case; send the start without a caseInstanceId");
      }
      try {
        spec.check(values);
        StartVariables.checkBusinessKey(execution.getProcessBusinessKey());
      } catch (Refusal refusal) {
        throw new StartRefused(refusal.getMessage());
      }
    }
  }

  /** A start whose variables break the process's spec; nothing was stored. */
  static final class StartRefused extends RuntimeException {
    StartRefused(String message) {
      super(message);
    }
  }
}
