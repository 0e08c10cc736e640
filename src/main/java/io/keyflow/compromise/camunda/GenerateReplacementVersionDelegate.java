package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.VAR_REPLACEMENT_KCV;

import io.keyflow.compromise.EmergencyRotation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generates the replacement version in the vault as an asynchronous job with retries; a retry finds
 * the object an earlier attempt made (its id is fixed in the report), so an HSM outage becomes a
 * retrying job and then an incident, never a second key and never a lost containment.
 */
@Component
class GenerateReplacementVersionDelegate implements JavaDelegate {

  private final EmergencyRotation rotation;

  GenerateReplacementVersionDelegate(EmergencyRotation rotation) {
    this.rotation = rotation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(
        VAR_REPLACEMENT_KCV, rotation.generateReplacement(execution.getProcessInstanceId()).kcv());
  }
}
