package io.keyflow.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * An approval carries a decision, nothing else. This plugin puts one interceptor in front of every
 * engine command, whoever sends it (REST, Tasklist's form submit, Java), and refuses before
 * anything runs:
 *
 * <ul>
 *   <li>completing a task (complete, submit form, resolve) with a variable its form does not let
 *       the officer fill in ({@link TaskFormFields}), or with a value of the wrong type or length:
 *       {@link CompletionRefused}, a form validation failure (400);
 *   <li>setting, changing or removing variables of a running lifecycle instance or of one of its
 *       tasks (local too): {@link VariableWriteRefused} (400). Only the engine itself — delegates
 *       and listeners, inside a running command — writes them.
 * </ul>
 *
 * The commands keep their variables in protected fields with no accessor; they are read by
 * reflection, and a field that cannot be read refuses the command rather than letting it through.
 */
@Component
class VariableWriteGuard extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var interceptors =
        new ArrayList<CommandInterceptor>(
            configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? List.of()
                : configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Guard(configuration));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** A completion that carries something other than the task's own decision fields. */
  static final class CompletionRefused extends org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException {
    CompletionRefused(String field, String message) {
      super(field, message);
    }
  }

  /** A variable write on a running lifecycle instance by someone other than the engine. */
  static final class VariableWriteRefused extends org.camunda.bpm.engine.BadUserRequestException {
    VariableWriteRefused(String message) {
      super(message);
    }
  }

  static final class Guard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;
    private volatile TaskFormFields forms;

    Guard(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      // A command inside a running one comes from the engine itself (a delegate or listener).
      if (Context.getCommandContext() == null) {
        check(command);
      }
      return next.execute(command);
    }

    private void check(Command<?> command) {
      if (command instanceof CompleteTaskCmd) {
        checkCompletion(read(command, CompleteTaskCmd.class, "taskId"), read(command, CompleteTaskCmd.class, "variables"));
      } else if (command instanceof SubmitTaskFormCmd) {
        checkCompletion(read(command, SubmitTaskFormCmd.class, "taskId"), read(command, SubmitTaskFormCmd.class, "properties"));
      } else if (command instanceof AbstractSetVariableCmd) {
        Map<String, ?> variables = read(command, AbstractSetVariableCmd.class, "variables");
        checkWrite(command instanceof SetTaskVariablesCmd, read(command, AbstractVariableCmd.class, "entityId"),
            variables == null ? List.of() : variables.keySet());
      } else if (command instanceof AbstractPatchVariablesCmd) {
        Map<String, ?> variables = read(command, AbstractPatchVariablesCmd.class, "variables");
        Collection<String> deletions = read(command, AbstractPatchVariablesCmd.class, "deletions");
        List<String> names = new ArrayList<>();
        if (variables != null) {
          names.addAll(variables.keySet());
        }
        if (deletions != null) {
          names.addAll(deletions);
        }
        checkWrite(command instanceof PatchTaskVariablesCmd, read(command, AbstractPatchVariablesCmd.class, "entityId"), names);
      } else if (command instanceof AbstractRemoveVariableCmd) {
        Collection<String> names = read(command, AbstractRemoveVariableCmd.class, "variableNames");
        checkWrite(command instanceof RemoveTaskVariablesCmd, read(command, AbstractVariableCmd.class, "entityId"),
            names == null ? List.of() : names);
      }
    }

    private void checkCompletion(String taskId, Map<String, Object> variables) {
      if (taskId == null || variables == null || variables.isEmpty()) {
        return;
      }
      Task task = configuration.getTaskService().createTaskQuery().taskId(taskId).singleResult();
      if (task == null || task.getProcessInstanceId() == null) {
        return; // the command itself reports the unknown or invisible task
      }
      Map<String, TaskFormFields.Field> allowed = forms().of(task);
      for (Map.Entry<String, Object> variable : variables.entrySet()) {
        TaskFormFields.Field field = allowed.get(variable.getKey());
        if (field == null) {
          throw new CompletionRefused(variable.getKey(),
              "Completing '" + task.getName() + "' may carry only its decision fields " + allowed.keySet().stream().sorted().toList()
                  + ", not '" + variable.getKey() + "': what was requested is recorded in the ledger and cannot be changed"
                  + " at approval. Complete the task without it, or reject the request and have it requested again");
        }
        String refusal = field.refusal(plain(variable.getValue()));
        if (refusal != null) {
          throw new CompletionRefused(variable.getKey(), "Cannot complete '" + task.getName() + "': " + refusal);
        }
      }
    }

    private void checkWrite(boolean taskVariables, String entityId, Collection<String> names) {
      if (entityId == null || names.isEmpty()) {
        return;
      }
      boolean ofLifecycle =
          taskVariables
              ? configuration.getTaskService().createTaskQuery().taskId(entityId).list().stream()
                  .anyMatch(task -> task.getProcessInstanceId() != null)
              : configuration.getRuntimeService().createExecutionQuery().executionId(entityId).count() > 0;
      if (ofLifecycle) {
        throw new VariableWriteRefused(
            "The variables " + names.stream().sorted().toList() + " of a running lifecycle instance are set by Keyflow's"
                + " steps only: the request is recorded in the ledger and a decision is made by completing the approval"
                + " task with its own fields. Nothing was changed");
      }
    }

    private static Object plain(Object value) {
      if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
        return serializable; // a serialized object fits no decision field
      }
      return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    private TaskFormFields forms() {
      if (forms == null) {
        forms = new TaskFormFields(configuration.getFormService());
      }
      return forms;
    }

    @SuppressWarnings("unchecked")
    private static <V> V read(Object command, Class<?> declaringClass, String fieldName) {
      try {
        Field field = declaringClass.getDeclaredField(fieldName);
        field.setAccessible(true);
        return (V) field.get(command);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new ProcessEngineException(
            "Keyflow cannot read '" + fieldName + "' of " + declaringClass.getSimpleName()
                + " to check it, so the command is refused; the engine version is not the one Keyflow was built for", e);
      }
    }
  }
}
