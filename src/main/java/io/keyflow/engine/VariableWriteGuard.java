package io.keyflow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
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
 *       tasks (local too), or of many instances in a batch: {@link VariableWriteRefused} (400).
 *       Only the engine itself — delegates and listeners, inside a running command — writes them.
 * </ul>
 *
 * Which commands these are, and what they carry, is read by {@link VariableCommands}.
 */
@Component
class VariableWriteGuard extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandInterceptors.addLast(configuration, new Guard(configuration));
  }

  /** A completion that carries something other than the task's own decision fields. */
  static final class CompletionRefused
      extends org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException {
    CompletionRefused(String field, String message) {
      super(field, message);
    }
  }

  /** A variable write on a running lifecycle instance by someone other than the engine. */
  static final class VariableWriteRefused extends BadUserRequestException {
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
      if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
        throw new VariableWriteRefused(
            "Variables of lifecycle instances are set by Keyflow's steps only, never in a batch: the requests are"
                + " recorded in the ledger and decided by their approval tasks. Nothing was changed");
      }
      VariableCommands.completion(command)
          .ifPresent(c -> checkCompletion(c.taskId(), c.variables()));
      VariableCommands.write(command)
          .ifPresent(w -> checkWrite(w.ofTask(), w.entityId(), w.names()));
    }

    private void checkCompletion(String taskId, Map<String, Object> variables) {
      if (taskId == null || variables == null || variables.isEmpty()) {
        return;
      }
      Task task = withoutAuthorization(context -> context.getTaskManager().findTaskById(taskId));
      if (task == null || task.getProcessInstanceId() == null) {
        return; // the command itself reports the unknown task
      }
      Map<String, TaskFormFields.Field> allowed = forms().of(task);
      for (String name : variables.keySet()) {
        TaskFormFields.Field field = allowed.get(name);
        if (field == null) {
          throw new CompletionRefused(
              name,
              "Completing '"
                  + task.getName()
                  + "' may carry only its decision fields "
                  + allowed.keySet().stream().sorted().toList()
                  + ", not '"
                  + name
                  + "': what was requested is recorded in the ledger and cannot be changed"
                  + " at approval. Complete the task without it, or reject the request and have it requested again");
        }
        Object value = typedOrPlain(variables, name);
        String refusal =
            value instanceof SerializableValue serialized && !serialized.isDeserialized()
                ? "'"
                    + name
                    + "' is a serialized object, which Keyflow never accepts; send text, numbers and true/false"
                : field.refusal(plain(value));
        if (refusal != null) {
          throw new CompletionRefused(name, "Cannot complete '" + task.getName() + "': " + refusal);
        }
      }
    }

    private void checkWrite(boolean taskVariables, String entityId, List<String> names) {
      if (entityId == null || names.isEmpty()) {
        return;
      }
      boolean ofLifecycle =
          withoutAuthorization(
              context ->
                  taskVariables
                      ? context.getTaskManager().findTaskById(entityId) != null
                          && context.getTaskManager().findTaskById(entityId).getProcessInstanceId()
                              != null
                      : context.getExecutionManager().findExecutionById(entityId) != null);
      if (ofLifecycle) {
        throw new VariableWriteRefused(
            "The variables "
                + names.stream().sorted().toList()
                + " of a running lifecycle instance are set by Keyflow's"
                + " steps only: the request is recorded in the ledger and a decision is made by completing the approval"
                + " task with its own fields. Nothing was changed");
      }
    }

    /** A variable map's value as sent: reading it plainly would deserialize a serialized object. */
    private static Object typedOrPlain(Map<String, Object> variables, String name) {
      return variables instanceof VariableMap typed
          ? typed.getValueTyped(name)
          : variables.get(name);
    }

    private static Object plain(Object value) {
      return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    private TaskFormFields forms() {
      if (forms == null) {
        forms =
            new TaskFormFields(
                taskId ->
                    withoutAuthorization(
                        context -> {
                          try (InputStream form =
                              new GetDeployedTaskFormCmd(taskId).execute(context)) {
                            return form.readAllBytes();
                          } catch (BadUserRequestException e) {
                            return null; // the task has no deployed form
                          } catch (IOException e) {
                            throw new UncheckedIOException(e);
                          }
                        }));
      }
      return forms;
    }

    /**
     * Looks the target up with authorization checks off: the guard must see every task and
     * execution, whether or not the caller may; the command itself still checks the caller.
     */
    private <V> V withoutAuthorization(Function<CommandContext, V> lookup) {
      return configuration
          .getCommandExecutorTxRequired()
          .execute(
              context -> {
                boolean enabled = context.isAuthorizationCheckEnabled();
                context.disableAuthorizationCheck();
                try {
                  return lookup.apply(context);
                } finally {
                  context.setAuthorizationCheckEnabled(enabled);
                }
              });
    }
  }
}
