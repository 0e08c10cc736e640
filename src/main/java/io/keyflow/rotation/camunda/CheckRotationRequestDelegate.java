package io.keyflow.rotation.camunda;

import static io.keyflow.rotation.KeyRotationProcess.*;

import io.keyflow.approval.Requester;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.rotation.RotationRequest;
import io.keyflow.rotation.RotationRequests;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks a rotation request before any officer sees it. A refusal ends the process on "Rotation
 * refused" with {@code refusalReason}. The requester is whoever is authenticated when the process
 * starts (a person, or a system principal such as {@code system:rotation-sweep}), whatever a {@code
 * requestedBy} start variable says. An accepted request fixes the new version's id and number once
 * and makes the alias the business key.
 */
@Component
class CheckRotationRequestDelegate implements JavaDelegate {

  private final RotationRequests rotation;
  private final Clock clock;

  CheckRotationRequestDelegate(RotationRequests rotation, Clock clock) {
    this.rotation = rotation;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Requester requester = ProcessSupport.requester(execution);
    execution.setVariable(VAR_REQUESTED_BY, requester.user());
    RotationRequest request =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () ->
                rotation.request(
                    requester,
                    execution.getVariable(VAR_ALIAS),
                    execution.getVariable(VAR_REASON),
                    execution.getVariable(VAR_ENCRYPT_PERIOD_DAYS),
                    execution.getVariable(VAR_RETENTION_DAYS),
                    ProcessSupport.otherInstances(execution, PROCESS_KEY)));
    execution.setProcessBusinessKey(request.key().alias());
    execution.setVariables(shown(request, clock.instant()));
  }
}
