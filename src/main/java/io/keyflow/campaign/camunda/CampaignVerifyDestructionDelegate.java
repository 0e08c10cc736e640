package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.campaign.DestructionCampaigns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Looks the campaign version up in the vault; if it is still there the step fails (retries, then an
 * incident).
 */
@Component
class CampaignVerifyDestructionDelegate implements JavaDelegate {

  private final DestructionCampaigns campaigns;

  CampaignVerifyDestructionDelegate(DestructionCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    campaigns.verifyVersion(
        (String) execution.getVariable(CAMPAIGN_ID),
        (String) execution.getVariable(ITEM),
        execution.getProcessInstanceId());
  }
}
