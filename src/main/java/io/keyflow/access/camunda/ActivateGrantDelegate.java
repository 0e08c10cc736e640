package io.keyflow.access.camunda;

import static io.keyflow.access.KeyAccessGrantProcess.ERROR_CODE_REFUSED;
import static io.keyflow.access.KeyAccessGrantProcess.VAR_EXPIRES_AT;

import io.keyflow.access.GrantRequests;
import io.keyflow.engine.ProcessSupport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the approval: activates the grant from its ledger entries; the instance then waits until
 * {@code expiresAt} or an earlier end. Rules that no longer hold end on "Grant refused at
 * activation".
 */
@Component
class ActivateGrantDelegate implements JavaDelegate {

  private final GrantRequests requests;

  ActivateGrantDelegate(GrantRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String expiresAt =
        ProcessSupport.checkOrRefuse(
                execution,
                ERROR_CODE_REFUSED,
                () -> requests.activate(execution.getProcessInstanceId()))
            .toString();
    execution.setVariable(VAR_EXPIRES_AT, expiresAt);
  }
}
