package io.keyflow.destruction.camunda;

import io.keyflow.destruction.DestructionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Looks the version up in the vault; if it is still there the job fails (and retries, then raises
 * an incident).
 */
@Component
class VerifyDestructionDelegate implements JavaDelegate {

  private final DestructionService destruction;

  VerifyDestructionDelegate(DestructionService destruction) {
    this.destruction = destruction;
  }

  @Override
  public void execute(DelegateExecution execution) {
    destruction.verifyDestroyed(execution.getProcessInstanceId());
  }
}
