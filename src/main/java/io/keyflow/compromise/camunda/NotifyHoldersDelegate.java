package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.*;

import io.keyflow.compromise.CompromiseService;
import io.keyflow.compromise.CompromiseWebhooks;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After a confirmation: tells the holders (ledger entry per holder), names those with a webhook,
 * and sets, from the report's ledger entry, the versions the destruction after the re-encryption
 * window will destroy.
 */
@Component
class NotifyHoldersDelegate implements JavaDelegate {

  private final CompromiseService compromise;
  private final CompromiseWebhooks webhooks;

  NotifyHoldersDelegate(CompromiseService compromise, CompromiseWebhooks webhooks) {
    this.compromise = compromise;
    this.webhooks = webhooks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CompromiseService.Aftermath aftermath = compromise.confirmed(execution.getProcessInstanceId());
    execution.setVariable(VAR_HOLDERS_NOTIFIED, aftermath.holders().size());
    execution.setVariable(VAR_KEY_OWNER, aftermath.owner());
    execution.setVariable(
        VAR_WEBHOOK_RECIPIENTS, String.join(",", webhooks.withWebhook(aftermath.holders())));
    execution.setVariable(
        VAR_VERSIONS_TO_DESTROY,
        aftermath.versionsToDestroy().stream()
            .map(String::valueOf)
            .collect(Collectors.joining(",")));
    execution.setVariable(
        VAR_DESTRUCTION_REASON,
        "Compromise confirmed in process instance "
            + execution.getProcessInstanceId()
            + ": "
            + aftermath.reason());
  }
}
