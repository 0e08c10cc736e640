package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.campaign.CampaignDefinitions;
import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.CampaignProgress;
import io.keyflow.campaign.CampaignVersionDestructionProcess;
import io.keyflow.campaign.Campaigns;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Counts the campaign's keys into its variables (visible in Cockpit): done, failed (per-key
 * instances with an open incident), remaining and excluded.
 */
@Component
class UpdateCampaignProgressDelegate implements JavaDelegate {

  private final Campaigns campaigns;

  UpdateCampaignProgressDelegate(Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String campaignId = execution.getProcessInstanceId();
    String perKey =
        CampaignDefinitions.isRotation(execution.getProcessDefinitionId())
            ? CampaignKeyRotationProcess.PROCESS_KEY
            : CampaignVersionDestructionProcess.PROCESS_KEY;
    Set<String> failed =
        execution
            .getProcessEngineServices()
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey(perKey)
            .variableValueEquals(CAMPAIGN_ID, campaignId)
            .withIncident()
            .list()
            .stream()
            .map(ProcessInstance::getId)
            .collect(Collectors.toSet());
    CampaignProgress progress = campaigns.progress(campaignId, failed);
    execution.setVariable(KEYS_DONE, progress.done());
    execution.setVariable(KEYS_FAILED, progress.failed());
    execution.setVariable(KEYS_REMAINING, progress.remaining());
    execution.setVariable(KEYS_EXCLUDED, progress.excluded());
  }
}
