package io.keyflow.lifecycle.rotation;

import static io.keyflow.lifecycle.rotation.KeyRotationProcess.*;

import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Runs when a rotation approval waits past its deadline (the approval task stays open): marks the
 * instance {@code escalated} (visible in Cockpit), raises the task's priority (Tasklist sorts and
 * shows it) and warns the officer group in the log.
 */
@Component
class EscalateRotationApprovalDelegate implements JavaDelegate {

  private final RotationService rotation;
  private final Clock clock;

  EscalateRotationApprovalDelegate(RotationService rotation, Clock clock) {
    this.rotation = rotation;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(VAR_ESCALATED, true);
    execution.setVariable(VAR_ESCALATED_AT, clock.instant().toString());
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    Instant waitingSince = null;
    for (Task task :
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(TASK_APPROVE).list()) {
      tasks.setPriority(task.getId(), ESCALATED_PRIORITY);
      waitingSince = task.getCreateTime().toInstant();
    }
    rotation.approvalOverdue(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), waitingSince);
  }
}
