package io.keyflow.generation.camunda;

import static io.keyflow.generation.KeyGenerationProcess.*;

import io.keyflow.approval.Requester;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.generation.KeyGenerationService;
import io.keyflow.generation.KeyGenerationService.AcceptedRequest;
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
    Requester requester = ProcessSupport.requester(execution);
    execution.setVariable(VAR_REQUESTED_BY, requester.user());
    AcceptedRequest accepted;
    try {
      String alias = (String) execution.getVariable(VAR_ALIAS);
      String purpose = (String) execution.getVariable(VAR_PURPOSE);
      String algorithm = (String) execution.getVariable(VAR_ALGORITHM);
      Boolean exportable = (Boolean) execution.getVariable(VAR_EXPORTABLE);
      String justification = (String) execution.getVariable(VAR_JUSTIFICATION);
      String environment = (String) execution.getVariable(VAR_ENVIRONMENT);
      accepted =
          ProcessSupport.checkOrRefuse(
              execution,
              ERROR_CODE_REQUEST_REFUSED,
              () ->
                  generation.request(
                      requester,
                      alias,
                      purpose,
                      algorithm,
                      exportable,
                      justification,
                      environment,
                      ProcessSupport.otherInstances(execution, PROCESS_KEY)));
    } catch (ClassCastException e) {
      throw ProcessSupport.refuse(
          execution,
          ERROR_CODE_REQUEST_REFUSED,
          "alias, purpose, algorithm, environment and justification must be strings and exportable a boolean");
    }
    execution.setProcessBusinessKey(accepted.request().alias());
    execution.setVariables(shown(accepted));
  }
}
