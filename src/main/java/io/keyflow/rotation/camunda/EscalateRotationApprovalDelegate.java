package io.keyflow.rotation.camunda;

import static io.keyflow.rotation.KeyRotationProcess.*;

import io.keyflow.engine.ProcessSupport;
import io.keyflow.rotation.RotationService;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
    Instant waitingSince =
        ProcessSupport.escalateOpenTasks(
            execution, TASK_APPROVE, ESCALATED_PRIORITY, VAR_ESCALATED, VAR_ESCALATED_AT, clock);
    rotation.approvalOverdue(
        execution.getProcessBusinessKey(), execution.getProcessInstanceId(), waitingSince);
  }
}
