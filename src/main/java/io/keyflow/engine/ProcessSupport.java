package io.keyflow.engine;

import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.Requester;
import io.keyflow.shared.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.engine.task.Task;

/**
 * Small engine chores shared by the lifecycle delegates: who is starting a process, whether another
 * instance works on the same key, and starting processes as a system principal.
 */
public final class ProcessSupport {

  /**
   * The variable every lifecycle process keeps a refused request's reason in, for its "Request
   * refused" end event, Tasklist and Cockpit.
   */
  public static final String VAR_REFUSAL_REASON = "refusalReason";

  private ProcessSupport() {}

  /** Who requests in this step, as the engine authenticated them, and in which instance. */
  public static Requester requester(DelegateExecution execution) {
    return new Requester(authenticatedUser(execution), execution.getProcessInstanceId());
  }

  /**
   * The request check of a process: runs {@code check} and turns a refusal into the BPMN error
   * {@code errorCode} (the modelled "Request refused" path), with the reason kept in {@value
   * #VAR_REFUSAL_REASON}. Only the check's refusal becomes the error; anything else stays a failure
   * of the step.
   */
  public static <T> T checkOrRefuse(
      DelegateExecution execution, String errorCode, Supplier<T> check) {
    try {
      return check.get();
    } catch (Refusal refusal) {
      throw refuse(execution, errorCode, refusal.getMessage());
    }
  }

  /**
   * Records {@code reason} in {@value #VAR_REFUSAL_REASON} and returns the BPMN error {@code
   * errorCode} for the caller to throw.
   */
  public static BpmnError refuse(DelegateExecution execution, String errorCode, String reason) {
    execution.setVariable(VAR_REFUSAL_REASON, reason);
    return new BpmnError(errorCode, reason);
  }

  /**
   * How a phase asks whether another running instance of {@code processKey} (or of any of {@code
   * alsoProcessKeys}, e.g. a key's own rotation and its rotation in a campaign) already works on
   * the same subject (see {@link #otherInstanceRunning}). The calling instance never counts.
   */
  public static OtherInstances otherInstances(
      DelegateExecution execution, String processKey, String... alsoProcessKeys) {
    String[] processKeys = new String[alsoProcessKeys.length + 1];
    processKeys[0] = processKey;
    System.arraycopy(alsoProcessKeys, 0, processKeys, 1, alsoProcessKeys.length);
    return new OtherInstances() {
      @Override
      public boolean running(String businessKey, String variable, Object value) {
        return businessKey != null
            && othersRunning(execution, processKeys, businessKey, variable, value);
      }

      @Override
      public boolean runningWith(String variable, Object value) {
        if (variable == null) {
          throw new IllegalArgumentException("Name the variable that identifies the subject");
        }
        return othersRunning(execution, processKeys, null, variable, value);
      }
    };
  }

  /**
   * The user whose command runs this step: the person who started the process when a check runs
   * synchronously at the start. Read from the engine's authentication, never from a variable,
   * because start variables (including the {@code camunda:initiator} one) are the caller's to set.
   */
  public static String authenticatedUser(DelegateExecution execution) {
    Authentication authentication =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /**
   * Whether another running instance of {@code processKey} has this business key (and, when {@code
   * variableName} is given, that variable value). The calling instance never counts.
   */
  public static boolean otherInstanceRunning(
      DelegateExecution execution,
      String processKey,
      String businessKey,
      String variableName,
      Object variableValue) {
    if (businessKey == null) {
      return false;
    }
    return othersRunning(
        execution, new String[] {processKey}, businessKey, variableName, variableValue);
  }

  /**
   * Whether a running instance other than the calling one is of one of {@code processKeys}, with
   * this business key (null: any) and, when {@code variableName} is given, that variable value.
   */
  private static boolean othersRunning(
      DelegateExecution execution,
      String[] processKeys,
      String businessKey,
      String variableName,
      Object variableValue) {
    ProcessInstanceQuery query =
        execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery();
    if (processKeys.length == 1) {
      query.processDefinitionKey(processKeys[0]);
    } else {
      query.processDefinitionKeyIn(processKeys);
    }
    if (businessKey != null) {
      query.processInstanceBusinessKey(businessKey);
    }
    if (variableName != null) {
      query.variableValueEquals(variableName, variableValue);
    }
    return query.list().stream()
        .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId()));
  }

  /**
   * Runs {@code work} authenticated as a system principal such as {@code system:rotation-sweep}, so
   * processes it starts record that principal as their requester (and any officer may approve
   * them), whoever triggered the surrounding job. The previous authentication is restored after.
   */
  public static void asSystemPrincipal(
      DelegateExecution execution, String principal, Runnable work) {
    if (!principal.startsWith("system:")) {
      throw new IllegalArgumentException("A system principal starts with 'system:': " + principal);
    }
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(principal, List.of());
    try {
      work.run();
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }

  /**
   * Escalates the open tasks {@code taskDefinitionKey} of this instance: sets {@code escalatedVar}
   * to true and {@code escalatedAtVar} to the time, raises the tasks' priority (Tasklist sorts by
   * it) and returns since when the task has waited (null when none is open).
   */
  public static Instant escalateOpenTasks(
      DelegateExecution execution,
      String taskDefinitionKey,
      int priority,
      String escalatedVar,
      String escalatedAtVar,
      Clock clock) {
    execution.setVariable(escalatedVar, true);
    execution.setVariable(escalatedAtVar, clock.instant().toString());
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    Instant waitingSince = null;
    for (Task task :
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(taskDefinitionKey)
            .list()) {
      tasks.setPriority(task.getId(), priority);
      waitingSince = task.getCreateTime().toInstant();
    }
    return waitingSince;
  }
}
