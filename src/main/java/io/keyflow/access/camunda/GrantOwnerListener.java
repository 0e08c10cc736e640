package io.keyflow.access.camunda;

import io.keyflow.access.GrantOwners;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing a grant's approval: refuses a decision by the owner of the system (before the
 * four-eyes listener records anything; the task stays open).
 */
@Component("grantOwnerListener")
class GrantOwnerListener implements TaskListener {

  private final GrantOwners owners;

  GrantOwnerListener(GrantOwners owners) {
    this.owners = owners;
  }

  @Override
  public void notify(DelegateTask task) {
    Authentication authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    owners.requireNotOwner(
        task.getProcessInstanceId(), authentication == null ? null : authentication.getUserId());
  }
}
