package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.campaign.CampaignDefinitions;
import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.CampaignSettings;
import io.keyflow.campaign.CampaignVersionDestructionProcess;
import io.keyflow.campaign.Campaigns;
import io.keyflow.destruction.DestructionSettings;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts the next batch of per-key instances (business key = alias), each independent of the
 * campaign, so thousands of keys finishing never contend on the campaign's execution. The ledger's
 * approvals are checked before the first batch; {@code keysToStart} says whether another batch
 * follows.
 */
@Component
class StartCampaignStepsDelegate implements JavaDelegate {

  private final Campaigns campaigns;
  private final CampaignSettings settings;
  private final DestructionSettings destruction;

  StartCampaignStepsDelegate(
      Campaigns campaigns, CampaignSettings settings, DestructionSettings destruction) {
    this.campaigns = campaigns;
    this.settings = settings;
    this.destruction = destruction;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String campaignId = execution.getProcessInstanceId();
    boolean rotation = CampaignDefinitions.isRotation(execution.getProcessDefinitionId());
    List<String> batch =
        rotation
            ? campaigns.nextBatch(
                ApprovalPhase.ROTATION_CAMPAIGN, campaignId, 1, settings.batchSize())
            : campaigns.nextBatch(
                ApprovalPhase.DESTRUCTION_CAMPAIGN,
                campaignId,
                destruction.requiredApprovals(),
                settings.batchSize());
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    for (String item : batch) {
      String id =
          rotation
              ? runtime
                  .startProcessInstanceByKey(
                      CampaignKeyRotationProcess.PROCESS_KEY,
                      item,
                      Map.of(CAMPAIGN_ID, campaignId, ALIAS, item))
                  .getId()
              : runtime
                  .startProcessInstanceByKey(
                      CampaignVersionDestructionProcess.PROCESS_KEY,
                      item.replaceFirst("/v[0-9]+$", ""),
                      Map.of(CAMPAIGN_ID, campaignId, ITEM, item))
                  .getId();
      campaigns.started(campaignId, item, id);
    }
    Object before = execution.getVariable(KEYS_STARTED);
    execution.setVariable(KEYS_STARTED, (before instanceof Integer n ? n : 0) + batch.size());
    execution.setVariable(
        KEYS_TO_START,
        batch.size() < settings.batchSize() ? 0 : campaigns.pendingCount(campaignId));
  }
}
