package io.keyflow.rotation.camunda;

import static io.keyflow.rotation.KeyRotationProcess.*;

import io.keyflow.rotation.RotationRecorded;
import io.keyflow.rotation.RotationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Makes the new version primary and deactivates the old one, and names the recipients that must
 * receive the new version ({@code recipientsToRedistribute}) for the distribution process.
 */
@Component
class RecordRotationDelegate implements JavaDelegate {

  private final RotationService rotation;

  RecordRotationDelegate(RotationService rotation) {
    this.rotation = rotation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RotationRecorded recorded = rotation.record(execution.getProcessInstanceId());
    execution.setVariable(VAR_RETAIN_UNTIL, recorded.oldVersion().retainUntil().toString());
    execution.setVariable(
        VAR_RECIPIENTS_TO_REDISTRIBUTE, String.join(",", recorded.recipientsToRedistribute()));
  }
}
