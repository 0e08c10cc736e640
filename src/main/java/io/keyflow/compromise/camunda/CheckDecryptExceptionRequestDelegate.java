package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyDecryptExceptionProcess.*;

import io.keyflow.approval.Requester;
import io.keyflow.compromise.DecryptExceptionRequests;
import io.keyflow.compromise.KeyDecryptExceptionProcess;
import io.keyflow.engine.ProcessSupport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks a decrypt exception request before any officer sees it; a refusal (not decrypt, not a
 * COMPROMISED version, hours out of range) ends on "Exception refused" with {@code refusalReason}.
 */
@Component
class CheckDecryptExceptionRequestDelegate implements JavaDelegate {

  private final DecryptExceptionRequests requests;

  CheckDecryptExceptionRequestDelegate(DecryptExceptionRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Requester requester = ProcessSupport.requester(execution);
    execution.setVariable(VAR_REQUESTED_BY, requester.user());
    DecryptExceptionRequests.Accepted accepted =
        ProcessSupport.checkOrRefuse(
            execution,
            ERROR_CODE_REFUSED,
            () ->
                requests.request(
                    execution.getVariable(VAR_ALIAS),
                    execution.getVariable(VAR_VERSION),
                    execution.getVariable(VAR_OPERATION),
                    execution.getVariable(VAR_HOURS),
                    execution.getVariable(VAR_REASON),
                    requester));
    execution.setProcessBusinessKey(accepted.key().alias());
    execution.setVariables(KeyDecryptExceptionProcess.shown(accepted));
  }
}
