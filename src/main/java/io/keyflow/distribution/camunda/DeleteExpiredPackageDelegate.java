package io.keyflow.distribution.camunda;

import io.keyflow.distribution.DistributionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Erases the wrapped bytes of a package nobody fetched in time; writes KEY_DISTRIBUTION_EXPIRED.
 */
@Component
class DeleteExpiredPackageDelegate implements JavaDelegate {

  private final DistributionService distribution;

  DeleteExpiredPackageDelegate(DistributionService distribution) {
    this.distribution = distribution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    distribution.expire(execution.getProcessInstanceId());
  }
}
