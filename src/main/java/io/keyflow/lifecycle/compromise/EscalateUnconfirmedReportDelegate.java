package io.keyflow.lifecycle.compromise;

import static io.keyflow.lifecycle.compromise.KeyCompromiseProcess.*;

import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Runs when a report waits for confirmation past its deadline (the confirmation task stays open and
 * the versions stay contained): marks the instance {@code escalated}, raises the task's priority and
 * warns in the log. The escalation end event that follows makes the escalation visible in the model.
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
    execution.setVariable(VAR_ESCALATED, true);
    execution.setVariable(VAR_ESCALATED_AT, clock.instant().toString());
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    Instant waitingSince = null;
    for (Task task :
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(TASK_CONFIRM).list()) {
      tasks.setPriority(task.getId(), ESCALATED_PRIORITY);
      waitingSince = task.getCreateTime().toInstant();
    }
    compromise.confirmationOverdue(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), waitingSince);
  }
}
