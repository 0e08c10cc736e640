package io.keyflow.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractInstantiationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * What an engine command would do to variables: a task completion with the variables it carries
 * (complete, resolve, submit form), or a write (set, patch, remove) of named variables of a task or
 * an execution, including the variables a process-instance modification would set. The commands
 * keep these in protected fields with no accessor, so they are read by reflection; a field that
 * cannot be read refuses the command rather than letting it through.
 */
final class VariableCommands {

  /** A completion of {@code taskId} carrying {@code variables}. */
  record Completion(String taskId, Map<String, Object> variables) {}

  /** A write of {@code names} on a task ({@code ofTask}) or an execution. */
  record Write(boolean ofTask, String entityId, List<String> names) {}

  private VariableCommands() {}

  static Optional<Completion> completion(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return Optional.of(
          new Completion(
              read(command, CompleteTaskCmd.class, "taskId"),
              read(command, CompleteTaskCmd.class, "variables")));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return Optional.of(
          new Completion(
              read(command, SubmitTaskFormCmd.class, "taskId"),
              read(command, SubmitTaskFormCmd.class, "properties")));
    }
    return Optional.empty();
  }

  static Optional<Write> write(Command<?> command) {
    List<String> names = new ArrayList<>();
    if (command instanceof AbstractSetVariableCmd) {
      addKeys(names, read(command, AbstractSetVariableCmd.class, "variables"));
      return Optional.of(
          new Write(
              command instanceof SetTaskVariablesCmd,
              read(command, AbstractVariableCmd.class, "entityId"),
              names));
    }
    if (command instanceof AbstractPatchVariablesCmd) {
      addKeys(names, read(command, AbstractPatchVariablesCmd.class, "variables"));
      Collection<String> deletions = read(command, AbstractPatchVariablesCmd.class, "deletions");
      if (deletions != null) {
        names.addAll(deletions);
      }
      return Optional.of(
          new Write(
              command instanceof PatchTaskVariablesCmd,
              read(command, AbstractPatchVariablesCmd.class, "entityId"),
              names));
    }
    if (command instanceof AbstractRemoveVariableCmd) {
      Collection<String> removed = read(command, AbstractRemoveVariableCmd.class, "variableNames");
      if (removed != null) {
        names.addAll(removed);
      }
      return Optional.of(
          new Write(
              command instanceof RemoveTaskVariablesCmd,
              read(command, AbstractVariableCmd.class, "entityId"),
              names));
    }
    if (command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd) {
      Class<?> type =
          command instanceof ModifyProcessInstanceCmd
              ? ModifyProcessInstanceCmd.class
              : ModifyProcessInstanceAsyncCmd.class;
      ProcessInstanceModificationBuilderImpl builder = read(command, type, "builder");
      return Optional.of(
          new Write(false, builder.getProcessInstanceId(), modificationVariables(builder)));
    }
    return Optional.empty();
  }

  /**
   * The variables a modification would set: on the instance and with each instruction that starts
   * something.
   */
  private static List<String> modificationVariables(
      ProcessInstanceModificationBuilderImpl builder) {
    List<String> names = new ArrayList<>();
    addKeys(names, builder.getProcessVariables());
    for (var operation : builder.getModificationOperations()) {
      if (operation instanceof AbstractInstantiationCmd instantiation) {
        addKeys(names, instantiation.getVariables());
        addKeys(names, instantiation.getVariablesLocal());
      }
    }
    return names;
  }

  private static void addKeys(List<String> names, Map<String, ?> variables) {
    if (variables != null) {
      names.addAll(variables.keySet());
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> V read(Object command, Class<?> declaringClass, String fieldName) {
    try {
      Field field = declaringClass.getDeclaredField(fieldName);
      field.setAccessible(true);
      return (V) field.get(command);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ProcessEngineException(
          "Keyflow cannot read '"
              + fieldName
              + "' of "
              + declaringClass.getSimpleName()
              + " to check it, so the command is refused; the engine version is not the one Keyflow was built for",
          e);
    }
  }
}
