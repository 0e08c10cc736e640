package io.keyflow.distribution.camunda;

import static io.keyflow.distribution.KeyDistributionProcess.*;

import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.Requester;
import io.keyflow.distribution.DistributionRequest;
import io.keyflow.distribution.DistributionRequests;
import io.keyflow.distribution.KeyDistributionProcess;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.shared.Refusal;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Component;

/**
 * Checks a distribution request before it goes to an officer. A refusal ends the process on
 * "Distribution refused" with the reason in {@code refusalReason}. An accepted request gets the
 * package id here, once, so a retried wrap finds the package an earlier attempt made; the facts the
 * officer decides on become variables ({@link KeyDistributionProcess#shown}).
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
    Requester requester;
    String alias;
    String recipient;
    String versionId;
    try {
      requester =
          execution.getProcessInstance().getSuperExecution() != null
              ? new Requester(
                  (String) execution.getVariable(VAR_REQUESTED_BY),
                  execution.getProcessInstanceId())
              : ProcessSupport.requester(execution);
      alias = (String) execution.getVariable(VAR_ALIAS);
      recipient = (String) execution.getVariable(VAR_RECIPIENT);
      versionId = (String) execution.getVariable(VAR_VERSION_ID);
    } catch (ClassCastException e) {
      throw refuse(execution, "alias, recipient, versionId and requestedBy must be strings");
    }
    execution.setVariable(VAR_REQUESTED_BY, requester.user());
    UUID packageId = UUID.randomUUID();
    DistributionRequest request;
    try {
      request =
          distribution.request(
              alias, recipient, versionId, requester, activeInstances(execution), packageId);
    } catch (Refusal refusal) {
      throw refuse(execution, refusal.getMessage());
    }
    execution.setProcessBusinessKey(request.alias());
    execution.setVariables(KeyDistributionProcess.shown(request, packageId));
  }

  private static BpmnError refuse(DelegateExecution execution, String reason) {
    execution.setVariable(VAR_OUTCOME, OUTCOME_REFUSED);
    return ProcessSupport.refuse(execution, ERROR_CODE_REFUSED, reason);
  }

  /**
   * Other distributions as {@link ProcessSupport#otherInstances} finds them, but only active ones,
   * as this check has always counted them: a suspended distribution does not block a new request
   * for the same key and recipient.
   */
  private static OtherInstances activeInstances(DelegateExecution execution) {
    return (alias, variable, value) -> {
      if (alias == null) {
        return false;
      }
      ProcessInstanceQuery query =
          execution
              .getProcessEngineServices()
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processDefinitionKey(PROCESS_KEY)
              .processInstanceBusinessKey(alias)
              .active();
      if (variable != null) {
        query.variableValueEquals(variable, value);
      }
      return query.list().stream()
          .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId()));
    };
  }
}
