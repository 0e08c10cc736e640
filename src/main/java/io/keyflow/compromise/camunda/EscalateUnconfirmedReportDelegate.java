package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.*;

import io.keyflow.compromise.CompromiseService;
import io.keyflow.engine.ProcessSupport;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs when a report waits for confirmation past its deadline (the confirmation task stays open and
 * the versions stay contained): marks the instance {@code escalated}, raises the task's priority
 * and warns in the log. The escalation end event that follows makes the escalation visible in the
 * model.
 */
@Component
class EscalateUnconfirmedReportDelegate implements JavaDelegate {

  private final CompromiseService compromise;
  private final Clock clock;

  EscalateUnconfirmedReportDelegate(CompromiseService compromise, Clock clock) {
    this.compromise = compromise;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant waitingSince =
        ProcessSupport.escalateOpenTasks(
            execution, TASK_CONFIRM, ESCALATED_PRIORITY, VAR_ESCALATED, VAR_ESCALATED_AT, clock);
    compromise.confirmationOverdue(
        execution.getProcessBusinessKey(), execution.getProcessInstanceId(), waitingSince);
  }
}
