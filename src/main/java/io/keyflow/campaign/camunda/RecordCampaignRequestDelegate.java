package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.approval.Requester;
import io.keyflow.campaign.CampaignDefinitions;
import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.Campaigns;
import io.keyflow.campaign.DestructionCampaignProcess;
import io.keyflow.campaign.DestructionCampaigns;
import io.keyflow.campaign.RotationCampaignProcess;
import io.keyflow.campaign.RotationCampaigns;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.rotation.KeyRotationProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The first step of both campaigns: the requester is whoever is authenticated when the campaign
 * starts (only the sweep's system principal is accepted); the keys due are listed in the campaign's
 * request entry. A refusal ends the campaign on "Campaign refused" with {@code refusalReason}. A
 * key counts as being rotated while its own rotation or a campaign's rotation of it runs; a version
 * as being destroyed while a destruction of it runs.
 */
@Component
class RecordCampaignRequestDelegate implements JavaDelegate {

  private final RotationCampaigns rotation;
  private final DestructionCampaigns destruction;

  RecordCampaignRequestDelegate(RotationCampaigns rotation, DestructionCampaigns destruction) {
    this.rotation = rotation;
    this.destruction = destruction;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Requester requester = ProcessSupport.requester(execution);
    execution.setVariable(REQUESTED_BY, requester.user());
    Campaigns.Requested requested =
        CampaignDefinitions.isRotation(execution.getProcessDefinitionId())
            ? ProcessSupport.checkOrRefuse(
                execution,
                RotationCampaignProcess.ERROR_CODE_REFUSED,
                () ->
                    rotation.request(
                        requester,
                        ProcessSupport.otherInstances(
                            execution,
                            KeyRotationProcess.PROCESS_KEY,
                            CampaignKeyRotationProcess.PROCESS_KEY)))
            : ProcessSupport.checkOrRefuse(
                execution,
                DestructionCampaignProcess.ERROR_CODE_REFUSED,
                () ->
                    destruction.request(
                        requester,
                        ProcessSupport.otherInstances(
                            execution, KeyDestructionProcess.PROCESS_KEY)));
    execution.setVariables(shown(requested));
  }
}
