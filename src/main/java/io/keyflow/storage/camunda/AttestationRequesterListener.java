package io.keyflow.storage.camunda;

import static io.keyflow.storage.KeyStorageAttestationProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Records who started an attestation: on demand, the authenticated officer or engineer (never a
 * start variable, which the caller chooses); when the schedule calls it, the schedule principal.
 */
@Component("attestationRequesterListener")
class AttestationRequesterListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getProcessInstance().getSuperExecution() != null) {
      Object given = execution.getVariable(VAR_REQUESTED_BY);
      execution.setVariable(
          VAR_REQUESTED_BY,
          given instanceof String s && s.startsWith("system:") ? s : SCHEDULE_PRINCIPAL);
      return;
    }
    Authentication authentication =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    execution.setVariable(
        VAR_REQUESTED_BY,
        authentication == null || authentication.getUserId() == null
            ? "system:unauthenticated"
            : authentication.getUserId());
  }
}
