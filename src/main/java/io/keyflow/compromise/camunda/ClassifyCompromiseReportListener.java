package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.VAR_RECIPIENT;
import static io.keyflow.compromise.KeyCompromiseProcess.VAR_RECIPIENT_REPORTED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Before "Recipient reported?": sets {@code recipientReported}, the business flag the gateway
 * reads, from whether the report names a recipient (any non-empty value: the held-key report
 * refuses a recipient it does not know). It always overwrites the flag, so a start variable of that
 * name decides nothing.
 */
@Component("classifyCompromiseReportListener")
class ClassifyCompromiseReportListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Object recipient = execution.getVariable(VAR_RECIPIENT);
    execution.setVariable(VAR_RECIPIENT_REPORTED, recipient != null && !"".equals(recipient));
  }
}
