package io.keyflow.generation.camunda;

import static io.keyflow.generation.KeyGenerationProcess.*;

import io.keyflow.engine.ProcessSupport;
import io.keyflow.generation.KeyGenerationService;
import io.keyflow.shared.Refusal;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks a generation request against policy and the inventory. A refusal becomes the BPMN error
 * that ends the process on "Request refused", with the reason kept in {@code refusalReason}. An
 * accepted request gets its key and version ids here, once, so every later step and retry uses the
 * same ids; the alias becomes the business key.
 */
@Component
class CheckKeyRequestDelegate implements JavaDelegate {

  private final KeyGenerationService generation;

  CheckKeyRequestDelegate(KeyGenerationService generation) {
    this.generation = generation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The requester is the authenticated starter: a requestedBy start variable would otherwise
    // override camunda:initiator and let an officer request and then approve under another name.
    execution.setVariable(VAR_REQUESTED_BY, ProcessSupport.authenticatedUser(execution));
    String alias = (String) execution.getVariable(VAR_ALIAS);
    boolean otherRunning =
        alias != null
            && execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(alias)
                .active()
                .list()
                .stream()
                .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId()));
    KeyGenerationService.AcceptedRequest accepted;
    try {
      accepted =
          generation.request(
              alias,
              (String) execution.getVariable(VAR_PURPOSE),
              (String) execution.getVariable(VAR_ALGORITHM),
              (Boolean) execution.getVariable(VAR_EXPORTABLE),
              (String) execution.getVariable(VAR_JUSTIFICATION),
              (String) execution.getVariable(VAR_ENVIRONMENT),
              (String) execution.getVariable(VAR_REQUESTED_BY),
              otherRunning,
              execution.getProcessInstanceId());
    } catch (Refusal refusal) {
      execution.setVariable(VAR_REFUSAL_REASON, refusal.getMessage());
      throw new BpmnError(ERROR_CODE_REQUEST_REFUSED, refusal.getMessage());
    } catch (ClassCastException e) {
      String reason =
          "alias, purpose, algorithm, environment and justification must be strings and exportable a boolean";
      execution.setVariable(VAR_REFUSAL_REASON, reason);
      throw new BpmnError(ERROR_CODE_REQUEST_REFUSED, reason);
    }
    // For forms and Cockpit only: the later steps read the request back from the ledger.
    execution.setProcessBusinessKey(accepted.request().alias());
    execution.setVariable(VAR_PURPOSE, accepted.request().purpose().name());
    execution.setVariable(VAR_EXPORTABLE, accepted.request().exportable());
    execution.setVariable(VAR_ENVIRONMENT, accepted.request().environment().name());
    execution.setVariable(VAR_KEY_ID, accepted.keyId().toString());
    execution.setVariable(VAR_VERSION_ID, accepted.versionId().toString());
    execution.setVariable(VAR_HSM_LABEL, accepted.label());
  }
}
