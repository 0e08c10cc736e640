package io.keyflow.campaign.camunda;

import io.keyflow.campaign.Campaigns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A rejected campaign: its keys are free for the next sweep; the rejection is already in the
 * ledger.
 */
@Component
class CloseRejectedCampaignDelegate implements JavaDelegate {

  private final Campaigns campaigns;

  CloseRejectedCampaignDelegate(Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    campaigns.rejected(execution.getProcessInstanceId());
  }
}
