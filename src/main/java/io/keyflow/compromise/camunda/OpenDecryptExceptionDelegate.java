package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyDecryptExceptionProcess.VAR_EXPIRES_AT;

import io.keyflow.compromise.DecryptExceptionRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the approval: opens the exception for the hours the request recorded; the timer waits until
 * {@code expiresAt}.
 */
@Component
class OpenDecryptExceptionDelegate implements JavaDelegate {

  private final DecryptExceptionRequests requests;

  OpenDecryptExceptionDelegate(DecryptExceptionRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(
        VAR_EXPIRES_AT, requests.open(execution.getProcessInstanceId()).toString());
  }
}
