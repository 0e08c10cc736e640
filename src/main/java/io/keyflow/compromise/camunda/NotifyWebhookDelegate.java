package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.VAR_WEBHOOK_RECIPIENT;

import io.keyflow.compromise.CompromiseWebhooks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One holder's webhook told of the confirmed compromise (one multi-instance element per holder).
 */
@Component
class NotifyWebhookDelegate implements JavaDelegate {

  private final CompromiseWebhooks webhooks;

  NotifyWebhookDelegate(CompromiseWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    webhooks.deliver(
        execution.getProcessInstanceId(), (String) execution.getVariable(VAR_WEBHOOK_RECIPIENT));
  }
}
