package io.keyflow.distribution.camunda;

import static io.keyflow.distribution.KeyDistributionProcess.*;

import io.keyflow.distribution.DistributionRequest;
import io.keyflow.distribution.DistributionRequests;
import io.keyflow.shared.Refusal;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks a distribution request before it goes to an officer. A refusal ends the process on
 * "Distribution refused" with the reason in {@code refusalReason}. An accepted request gets the
 * package id here, once, so a retried wrap finds the package an earlier attempt made; the facts the
 * officer decides on (version, KCV, recipient environment and wrapping key) become variables — for
 * showing only: the steps after the approval read the request from its ledger entry.
 *
 * <p>The requester is the authenticated starter when the process was started directly (a {@code
 * requestedBy} start variable is ignored, so nobody can request under another name and approve
 * their own request); when the process runs as a call activity, the calling process supplies it.
 */
@Component
class CheckDistributionRequestDelegate implements JavaDelegate {

  private final DistributionRequests distribution;

  CheckDistributionRequestDelegate(DistributionRequests distribution) {
    this.distribution = distribution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean called = execution.getProcessInstance().getSuperExecution() != null;
    String requestedBy;
    String alias;
    String recipient;
    String versionId;
    try {
      requestedBy =
          called ? (String) execution.getVariable(VAR_REQUESTED_BY) : authenticatedUser(execution);
      alias = (String) execution.getVariable(VAR_ALIAS);
      recipient = (String) execution.getVariable(VAR_RECIPIENT);
      versionId = (String) execution.getVariable(VAR_VERSION_ID);
    } catch (ClassCastException e) {
      throw refuse(execution, "alias, recipient, versionId and requestedBy must be strings");
    }
    execution.setVariable(VAR_REQUESTED_BY, requestedBy);
    boolean otherRunning =
        alias != null
            && recipient != null
            && execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(alias)
                .variableValueEquals(VAR_RECIPIENT, recipient)
                .active()
                .list()
                .stream()
                .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId()));
    UUID packageId = UUID.randomUUID();
    DistributionRequest request;
    try {
      request =
          distribution.request(
              alias,
              recipient,
              versionId,
              requestedBy,
              otherRunning,
              packageId,
              execution.getProcessInstanceId());
    } catch (Refusal refusal) {
      throw refuse(execution, refusal.getMessage());
    }
    execution.setProcessBusinessKey(request.alias());
    execution.setVariable(VAR_KEY_ID, request.keyId().toString());
    execution.setVariable(VAR_VERSION_ID, request.versionId().toString());
    execution.setVariable(VAR_VERSION_NUMBER, request.versionNumber());
    execution.setVariable(VAR_ALGORITHM, request.algorithm());
    execution.setVariable(VAR_KCV, request.kcv());
    execution.setVariable(VAR_ENVIRONMENT, request.environment().name());
    execution.setVariable(VAR_RECIPIENT_ENVIRONMENT, request.recipientEnvironment().name());
    execution.setVariable(VAR_RECIPIENT_CERTIFICATE, request.recipientCertificateSha256());
    execution.setVariable(VAR_WRAPPING, request.wrapping());
    execution.setVariable(VAR_MECHANISM, request.mechanism().label());
    execution.setVariable(VAR_PACKAGE_ID, packageId.toString());
  }

  private static BpmnError refuse(DelegateExecution execution, String reason) {
    execution.setVariable(VAR_REFUSAL_REASON, reason);
    execution.setVariable(VAR_OUTCOME, OUTCOME_REFUSED);
    return new BpmnError(ERROR_CODE_REFUSED, reason);
  }

  private static String authenticatedUser(DelegateExecution execution) {
    Authentication authentication =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
