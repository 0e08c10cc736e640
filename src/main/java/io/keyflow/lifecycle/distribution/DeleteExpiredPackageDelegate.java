package io.keyflow.lifecycle.distribution;

import static io.keyflow.lifecycle.distribution.KeyDistributionProcess.*;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Erases the wrapped bytes of a package nobody fetched in time; writes KEY_DISTRIBUTION_EXPIRED. */
@Component
class DeleteExpiredPackageDelegate implements JavaDelegate {

  private final DistributionService distribution;

  DeleteExpiredPackageDelegate(DistributionService distribution) {
    this.distribution = distribution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    distribution.expire(UUID.fromString((String) execution.getVariable(VAR_PACKAGE_ID)), execution.getProcessInstanceId());
  }
}
