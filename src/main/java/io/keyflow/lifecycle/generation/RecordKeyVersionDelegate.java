package io.keyflow.lifecycle.generation;

import static io.keyflow.lifecycle.generation.KeyGenerationProcess.*;

import io.keyflow.approval.ApprovalVariables;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.Algorithms;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the generated version in the inventory: ACTIVE, primary, provenance and KCV from the vault. */
@Component
class RecordKeyVersionDelegate implements JavaDelegate {

  private final KeyGenerationService generation;

  RecordKeyVersionDelegate(KeyGenerationService generation) {
    this.generation = generation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    KeyAlgorithm algorithm = Algorithms.parse((String) execution.getVariable(VAR_ALGORITHM));
    KeyRequest request =
        new KeyRequest(
            (String) execution.getVariable(VAR_ALIAS),
            KeyPurpose.valueOf((String) execution.getVariable(VAR_PURPOSE)),
            algorithm,
            Boolean.TRUE.equals(execution.getVariable(VAR_EXPORTABLE)),
            (String) execution.getVariable(VAR_JUSTIFICATION),
            (String) execution.getVariable(VAR_REQUESTED_BY),
            Environment.parse((String) execution.getVariable(VAR_ENVIRONMENT)));
    generation.recordGenerated(
        request,
        UUID.fromString((String) execution.getVariable(VAR_KEY_ID)),
        UUID.fromString((String) execution.getVariable(VAR_VERSION_ID)),
        (String) execution.getVariable(ApprovalVariables.APPROVED_BY),
        execution.getProcessInstanceId());
  }
}
