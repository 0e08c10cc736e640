package io.keyflow.compromise.camunda;

import io.keyflow.compromise.DecryptExceptionRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** When the exception's time is up: closes it ({@code KEY_DECRYPT_EXCEPTION_EXPIRED}). */
@Component
class CloseDecryptExceptionDelegate implements JavaDelegate {

  private final DecryptExceptionRequests requests;

  CloseDecryptExceptionDelegate(DecryptExceptionRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    requests.close(execution.getProcessInstanceId());
  }
}
