package io.keyflow.access.camunda;

import static io.keyflow.access.KeyAccessGrantProcess.VAR_GRANT_ID;

import io.keyflow.access.GrantRequests;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * When the grant's time is up: EXPIRED ({@code KEY_ACCESS_EXPIRED}). The grant check stopped it at
 * its expiry already; this records it.
 */
@Component
class ExpireGrantDelegate implements JavaDelegate {

  private final GrantRequests requests;

  ExpireGrantDelegate(GrantRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    requests.expire(UUID.fromString((String) execution.getVariable(VAR_GRANT_ID)));
  }
}
