package io.keyflow.checkpoint.camunda;

import static io.keyflow.checkpoint.LedgerCheckpointScheduleProcess.VAR_CHECKPOINT_SEQUENCE;

import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerCheckpoints;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Signs the ledger's head. A chain that does not verify ({@code LedgerIntegrityFailed}) and a vault
 * outage both fail the job: it retries, then stays as an incident. Neither is a business outcome to
 * model as a path: a broken ledger needs a person.
 */
@Component
class SignLedgerCheckpointDelegate implements JavaDelegate {

  private final LedgerCheckpoints checkpoints;

  SignLedgerCheckpointDelegate(LedgerCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long signed = checkpoints.checkpoint().map(LedgerCheckpoint::seq).orElse(null);
    execution.setVariable(VAR_CHECKPOINT_SEQUENCE, signed);
  }
}
