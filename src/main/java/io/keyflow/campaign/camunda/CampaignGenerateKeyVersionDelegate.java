package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.RotationCampaigns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generates one campaign key's new version in the vault (a retrying job; idempotent by the fixed
 * id).
 */
@Component
class CampaignGenerateKeyVersionDelegate implements JavaDelegate {

  private final RotationCampaigns campaigns;

  CampaignGenerateKeyVersionDelegate(RotationCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String kcv =
        campaigns.rotateKey(
            (String) execution.getVariable(CAMPAIGN_ID),
            (String) execution.getVariable(ALIAS),
            execution.getProcessInstanceId());
    execution.setVariable(CampaignKeyRotationProcess.VAR_KCV, kcv);
  }
}
