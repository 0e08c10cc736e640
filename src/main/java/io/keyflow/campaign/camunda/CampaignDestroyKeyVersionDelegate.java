package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.campaign.CampaignVersionDestructionProcess;
import io.keyflow.campaign.DestructionCampaigns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Destroys one campaign version in the vault (a retrying job; an object already gone counts as
 * destroyed).
 */
@Component
class CampaignDestroyKeyVersionDelegate implements JavaDelegate {

  private final DestructionCampaigns campaigns;

  CampaignDestroyKeyVersionDelegate(DestructionCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean destroyed =
        campaigns.destroyVersion(
            (String) execution.getVariable(CAMPAIGN_ID),
            (String) execution.getVariable(ITEM),
            execution.getProcessInstanceId());
    execution.setVariable(CampaignVersionDestructionProcess.VAR_VAULT_OBJECT_DESTROYED, destroyed);
  }
}
