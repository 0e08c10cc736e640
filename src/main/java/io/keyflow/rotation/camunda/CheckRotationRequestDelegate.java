package io.keyflow.rotation.camunda;

import static io.keyflow.rotation.KeyRotationProcess.*;

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
    String requester = ProcessSupport.authenticatedUser(execution);
    execution.setVariable(VAR_REQUESTED_BY, requester);
    Object alias = execution.getVariable(VAR_ALIAS);
    String businessKey = alias instanceof String text ? text.strip() : null;
    RotationRequest request =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () ->
                rotation.request(
                    alias,
                    execution.getVariable(VAR_REASON),
                    execution.getVariable(VAR_ENCRYPT_PERIOD_DAYS),
                    execution.getVariable(VAR_RETENTION_DAYS),
                    requester,
                    () ->
                        ProcessSupport.otherInstanceRunning(
                            execution, PROCESS_KEY, businessKey, null, null),
                    execution.getProcessInstanceId()));
    var current = request.current();
    execution.setProcessBusinessKey(request.key().alias());
    execution.setVariable(VAR_ALIAS, request.key().alias());
    execution.setVariable(VAR_REASON, request.reason());
    execution.setVariable(VAR_KEY_ID, request.key().id().toString());
    execution.setVariable(VAR_CURRENT_VERSION, current.number());
    execution.setVariable(VAR_CURRENT_VERSION_ID, current.id().toString());
    execution.setVariable(VAR_CURRENT_VERSION_AGE_DAYS, current.ageInDays(clock.instant()));
    execution.setVariable(VAR_CURRENT_PROTECT_STOP, current.protectStopAt().toString());
    execution.setVariable(VAR_NEW_VERSION, request.newVersionNumber());
    execution.setVariable(VAR_NEW_VERSION_ID, request.newVersionId().toString());
    execution.setVariable(VAR_ENCRYPT_PERIOD_DAYS, request.encryptPeriod().toDays());
    execution.setVariable(VAR_RETENTION_DAYS, request.retention().toDays());
    execution.setVariable(
        VAR_RECIPIENTS_HOLDING,
        request.recipientsHolding().isEmpty()
            ? "none recorded"
            : String.join(", ", request.recipientsHolding()));
  }
}
