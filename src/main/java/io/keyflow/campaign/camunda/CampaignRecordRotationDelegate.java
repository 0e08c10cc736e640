package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.RotationCampaigns;
import io.keyflow.rotation.RotationRecorded;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Makes one campaign key's new version primary, deactivates the old one and names the recipients to
 * redistribute to.
 */
@Component
class CampaignRecordRotationDelegate implements JavaDelegate {

  private final RotationCampaigns campaigns;

  CampaignRecordRotationDelegate(RotationCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RotationRecorded recorded =
        campaigns.recordKey(
            (String) execution.getVariable(CAMPAIGN_ID),
            (String) execution.getVariable(ALIAS),
            execution.getProcessInstanceId());
    execution.setVariable(REQUESTED_BY, RotationCampaigns.SWEEP_PRINCIPAL);
    execution.setVariable(
        CampaignKeyRotationProcess.VAR_NEW_VERSION_ID, recorded.newVersion().id().toString());
    execution.setVariable(
        CampaignKeyRotationProcess.VAR_RECIPIENTS_TO_REDISTRIBUTE,
        String.join(",", recorded.recipientsToRedistribute()));
  }
}
