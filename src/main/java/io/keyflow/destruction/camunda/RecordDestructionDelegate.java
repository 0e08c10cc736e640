package io.keyflow.destruction.camunda;

import static io.keyflow.destruction.KeyDestructionProcess.*;

import io.keyflow.destruction.DestructionService;
import io.keyflow.key.KeyVersion;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the DESTROYED tombstone and KEY_DESTROYED in the ledger. */
@Component
class RecordDestructionDelegate implements JavaDelegate {

  private final DestructionService destruction;

  RecordDestructionDelegate(DestructionService destruction) {
    this.destruction = destruction;
  }

  @Override
  public void execute(DelegateExecution execution) {
    KeyVersion destroyed =
        destruction.record(
            execution.getProcessInstanceId(),
            Boolean.TRUE.equals(execution.getVariable(VAR_VAULT_OBJECT_DESTROYED)));
    execution.setVariable(VAR_DESTROYED_AT, destroyed.destroyedAt().toString());
  }
}
