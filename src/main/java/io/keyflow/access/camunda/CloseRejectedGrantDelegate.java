package io.keyflow.access.camunda;

import static io.keyflow.access.KeyAccessGrantProcess.VAR_GRANT_ID;

import io.keyflow.access.GrantRequests;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** After a rejection: the requested grant is closed as REJECTED. */
@Component
class CloseRejectedGrantDelegate implements JavaDelegate {

  private final GrantRequests requests;

  CloseRejectedGrantDelegate(GrantRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    requests.rejected(
        execution.getProcessInstanceId(),
        UUID.fromString((String) execution.getVariable(VAR_GRANT_ID)));
  }
}
