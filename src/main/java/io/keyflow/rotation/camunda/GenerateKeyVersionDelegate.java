package io.keyflow.rotation.camunda;

import static io.keyflow.rotation.KeyRotationProcess.VAR_KCV;

import io.keyflow.rotation.RotationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generates the new version in the vault as an asynchronous job with retries; a retry finds the
 * object the previous attempt made (the new version's id is fixed at the request), so a vault
 * outage never makes a second key.
 */
@Component
class GenerateKeyVersionDelegate implements JavaDelegate {

  private final RotationService rotation;

  GenerateKeyVersionDelegate(RotationService rotation) {
    this.rotation = rotation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(
        VAR_KCV, rotation.generateNewVersion(execution.getProcessInstanceId()).kcv());
  }
}
