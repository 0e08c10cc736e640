package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.campaign.CampaignVersionDestructionProcess;
import io.keyflow.campaign.DestructionCampaigns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records one campaign version DESTROYED and KEY_DESTROYED naming the campaign. */
@Component
class CampaignRecordDestructionDelegate implements JavaDelegate {

  private final DestructionCampaigns campaigns;

  CampaignRecordDestructionDelegate(DestructionCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    campaigns.recordVersion(
        (String) execution.getVariable(CAMPAIGN_ID),
        (String) execution.getVariable(ITEM),
        execution.getProcessInstanceId(),
        Boolean.TRUE.equals(
            execution.getVariable(CampaignVersionDestructionProcess.VAR_VAULT_OBJECT_DESTROYED)));
  }
}
