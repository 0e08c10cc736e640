package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.*;

import io.keyflow.compromise.EmergencyRotation;
import io.keyflow.rotation.RotationRecorded;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Makes the replacement version ACTIVE and primary; its id is what redistribution sends. */
@Component
class RecordEmergencyRotationDelegate implements JavaDelegate {

  private final EmergencyRotation rotation;

  RecordEmergencyRotationDelegate(EmergencyRotation rotation) {
    this.rotation = rotation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RotationRecorded recorded = rotation.record(execution.getProcessInstanceId());
    execution.setVariable(VAR_REPLACEMENT_VERSION, recorded.newVersion().number());
    execution.setVariable(VAR_REPLACEMENT_VERSION_ID, recorded.newVersion().id().toString());
    execution.setVariable(
        VAR_RECIPIENTS_TO_REDISTRIBUTE, String.join(",", recorded.recipientsToRedistribute()));
  }
}
