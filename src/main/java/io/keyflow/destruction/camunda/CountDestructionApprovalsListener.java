package io.keyflow.destruction.camunda;

import static io.keyflow.destruction.KeyDestructionProcess.VAR_APPROVALS_COMPLETE;

import io.keyflow.destruction.DestructionExpressions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Before the "Second approval required?" gateway: counts the officers whose approval of this
 * destruction is in the ledger and sets {@code approvalsComplete}, so the gateway's condition is a
 * plain variable the model shows, computed from the ledger and never from what a task completion
 * submitted (a completion may carry only the decision and a comment).
 */
@Component("countDestructionApprovalsListener")
public class CountDestructionApprovalsListener implements ExecutionListener {

  private final DestructionExpressions destruction;

  CountDestructionApprovalsListener(DestructionExpressions destruction) {
    this.destruction = destruction;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(
        VAR_APPROVALS_COMPLETE, destruction.approvalsComplete(execution.getProcessInstanceId()));
  }
}
