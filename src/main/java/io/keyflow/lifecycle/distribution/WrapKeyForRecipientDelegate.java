package io.keyflow.lifecycle.distribution;

import static io.keyflow.lifecycle.distribution.KeyDistributionProcess.*;

import io.keyflow.approval.ApprovalVariables;
import io.keyflow.key.KeyRefusal;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Wraps the approved version in the HSM for the recipient and holds the package for pickup. Runs
 * as an asynchronous job with retries (an unreachable vault becomes an incident, never a lost
 * request); a rule broken since the approval ends the process on "Distribution refused". Only the
 * package's expiry time becomes a variable: the wrapped bytes stay in the package table.
 */
@Component
class WrapKeyForRecipientDelegate implements JavaDelegate {

  private final DistributionService distribution;

  WrapKeyForRecipientDelegate(DistributionService distribution) {
    this.distribution = distribution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DistributionPackage wrapped;
    try {
      wrapped =
          distribution.wrap(
              UUID.fromString((String) execution.getVariable(VAR_PACKAGE_ID)),
              (String) execution.getVariable(VAR_ALIAS),
              (String) execution.getVariable(VAR_RECIPIENT),
              UUID.fromString((String) execution.getVariable(VAR_VERSION_ID)),
              (String) execution.getVariable(VAR_REQUESTED_BY),
              (String) execution.getVariable(ApprovalVariables.APPROVED_BY),
              execution.getProcessInstanceId());
    } catch (KeyRefusal refusal) {
      execution.setVariable(VAR_REFUSAL_REASON, refusal.getMessage());
      execution.setVariable(VAR_OUTCOME, OUTCOME_REFUSED);
      throw new BpmnError(ERROR_CODE_REFUSED, refusal.getMessage());
    }
    execution.setVariable(VAR_MECHANISM, wrapped.mechanism() + (wrapped.oaepHash() == null ? "" : "-" + wrapped.oaepHash()));
    execution.setVariable(VAR_PACKAGE_EXPIRES_AT, Date.from(wrapped.expiresAt()));
  }
}
