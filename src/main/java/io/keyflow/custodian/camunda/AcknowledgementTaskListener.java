package io.keyflow.custodian.camunda;

import static io.keyflow.custodian.CustodianAcknowledgementProcess.*;

import io.keyflow.approval.ApprovalRefusal;
import io.keyflow.custodian.CustodianSettings;
import io.keyflow.custodian.Custodians;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Only the custodian can acknowledge, only by ticking the acknowledgement, and only the text
 * configured now: on {@code complete} the authenticated user must be the custodian, and the digest
 * recorded is the configured text's, never one taken from variables a completion could submit. The
 * acknowledgement is written to the ledger in the transaction that completes the task.
 */
@Component("custodianAcknowledgementListener")
class AcknowledgementTaskListener implements TaskListener {

  private final Custodians custodians;
  private final CustodianSettings settings;

  AcknowledgementTaskListener(Custodians custodians, CustodianSettings settings) {
    this.custodians = custodians;
    this.settings = settings;
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
    String custodian = task.getExecution().getProcessBusinessKey();
    Authentication authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = authentication == null ? null : authentication.getUserId();
    if (user == null || !user.equals(custodian)) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.FORBIDDEN,
          "Only "
              + custodian
              + " can acknowledge their own custodian responsibilities; "
              + (user == null ? "sign in as them" : user + " cannot do it for them"));
    }
    if (!Boolean.TRUE.equals(task.getVariable(VAR_ACKNOWLEDGED))) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.INVALID,
          "Tick 'I acknowledge these responsibilities' to"
              + " complete the task; if you cannot accept them, speak to the security officer instead");
    }
    if (!settings.responsibilities().equals(task.getVariable(VAR_RESPONSIBILITIES))) {
      throw new ApprovalRefusal(
          ApprovalRefusal.Kind.INVALID,
          "The responsibilities text has changed since this task"
              + " was created; the next custodian sweep asks you to acknowledge the current text");
    }
    custodians.acknowledge(
        custodian,
        String.valueOf(task.getVariable(VAR_GROUPS)),
        custodians.responsibilitiesSha256(),
        task.getProcessInstanceId());
  }
}
