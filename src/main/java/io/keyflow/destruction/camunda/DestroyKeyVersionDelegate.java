package io.keyflow.destruction.camunda;

import static io.keyflow.destruction.KeyDestructionProcess.VAR_VAULT_OBJECT_DESTROYED;

import io.keyflow.destruction.DestructionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Destroys the approved version in the vault, as an asynchronous job with retries. An object that
 * is already gone counts as destroyed (the following verification decides), so a retry after a
 * failure further on never fails for ever.
 */
@Component
class DestroyKeyVersionDelegate implements JavaDelegate {

  private final DestructionService destruction;

  DestroyKeyVersionDelegate(DestructionService destruction) {
    this.destruction = destruction;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(
        VAR_VAULT_OBJECT_DESTROYED, destruction.destroyInVault(execution.getProcessInstanceId()));
  }
}
