package io.keyflow.distribution.camunda;

import static io.keyflow.distribution.KeyDistributionProcess.*;

import io.keyflow.distribution.DistributionPackage;
import io.keyflow.distribution.DistributionService;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.shared.Refusal;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Wraps the approved version in the HSM for the recipient and holds the package for pickup — the
 * version and recipient of the request as the ledger recorded it, once the ledger shows its
 * approval (otherwise an incident at once, see {@link io.keyflow.approval.ApprovalGuard}). Runs as
 * an asynchronous job with retries (an unreachable vault becomes an incident, never a lost
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
      wrapped = distribution.wrap(execution.getProcessInstanceId());
    } catch (Refusal refusal) {
      execution.setVariable(VAR_OUTCOME, OUTCOME_REFUSED);
      throw ProcessSupport.refuse(execution, ERROR_CODE_REFUSED, refusal.getMessage());
    }
    execution.setVariable(VAR_MECHANISM, wrapped.wrapping().label());
    execution.setVariable(VAR_PACKAGE_EXPIRES_AT, Date.from(wrapped.expiresAt()));
  }
}
