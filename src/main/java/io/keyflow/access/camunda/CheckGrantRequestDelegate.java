package io.keyflow.access.camunda;

import static io.keyflow.access.KeyAccessGrantProcess.*;

import io.keyflow.access.GrantRequest;
import io.keyflow.access.GrantRequests;
import io.keyflow.access.KeyAccessGrantProcess;
import io.keyflow.approval.Requester;
import io.keyflow.engine.ProcessSupport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks a grant request before any officer sees it; a refusal ends on "Grant refused" with {@code
 * refusalReason}.
 */
@Component
class CheckGrantRequestDelegate implements JavaDelegate {

  private final GrantRequests requests;

  CheckGrantRequestDelegate(GrantRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Requester requester = ProcessSupport.requester(execution);
    execution.setVariable(VAR_REQUESTED_BY, requester.user());
    GrantRequest request =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () ->
                requests.request(
                    execution.getVariable(VAR_SYSTEM),
                    execution.getVariable(VAR_ALIAS),
                    execution.getVariable(VAR_KEY_GROUP),
                    execution.getVariable(VAR_OPERATIONS),
                    execution.getVariable(VAR_DURATION),
                    execution.getVariable(VAR_JUSTIFICATION),
                    execution.getVariable(VAR_CREATE_ALLOWANCE),
                    execution.getVariable(VAR_CREATE_PURPOSE),
                    requester));
    if (request.key() != null) {
      // The business key is what the officer's decision names as the key in the ledger.
      execution.setProcessBusinessKey(request.key().alias());
    }
    execution.setVariables(KeyAccessGrantProcess.shown(request));
  }
}
