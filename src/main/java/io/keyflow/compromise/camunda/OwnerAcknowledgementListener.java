package io.keyflow.compromise.camunda;

import static io.keyflow.compromise.KeyCompromiseProcess.VAR_ACKNOWLEDGED;

import io.keyflow.approval.ApprovalRefusal;
import io.keyflow.compromise.CompromiseService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The owner's "Re-encrypt data with the replacement key" task: informational, it carries no
 * decision. Only the key's owner (from the key record, not from variables) completes it, by ticking
 * the acknowledgement; the completion is written as {@code KEY_COMPROMISE_OWNER_ACKNOWLEDGED}.
 */
@Component("compromiseOwnerAcknowledgementListener")
class OwnerAcknowledgementListener implements TaskListener {

  private final CompromiseService compromise;

  OwnerAcknowledgementListener(CompromiseService compromise) {
    this.compromise = compromise;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(VAR_ACKNOWLEDGED);
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    Authentication authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = authentication == null ? null : authentication.getUserId();
    if (!Boolean.TRUE.equals(task.getVariable(VAR_ACKNOWLEDGED))) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.INVALID,
          "Tick 'I will re-encrypt the data' to complete the"
              + " task; it records that you know of the compromise and decides nothing");
    }
    compromise.ownerAcknowledged(task.getProcessInstanceId(), user);
  }
}
