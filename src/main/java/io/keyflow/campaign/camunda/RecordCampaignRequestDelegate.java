package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.CampaignVariables.*;

import io.keyflow.campaign.CampaignDefinitions;
import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.DestructionCampaignProcess;
import io.keyflow.campaign.DestructionCampaigns;
import io.keyflow.campaign.RotationCampaignProcess;
import io.keyflow.campaign.RotationCampaigns;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.rotation.KeyRotationProcess;
import io.keyflow.shared.Refusal;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The first step of both campaigns: the requester is whoever is authenticated when the campaign
 * starts (only the sweep's system principal is accepted); the keys due are listed in the campaign's
 * request entry. A refusal ends the campaign on "Campaign refused" with {@code refusalReason}.
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
    String requester = ProcessSupport.authenticatedUser(execution);
    execution.setVariable(REQUESTED_BY, requester);
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    boolean rotationCampaign = CampaignDefinitions.isRotation(execution.getProcessDefinitionId());
    RotationCampaigns.Requested requested;
    try {
      requested =
          rotationCampaign
              ? rotation.request(
                  requester,
                  execution.getProcessInstanceId(),
                  alias ->
                      running(runtime, KeyRotationProcess.PROCESS_KEY, alias)
                          || running(runtime, CampaignKeyRotationProcess.PROCESS_KEY, alias))
              : destruction.request(
                  requester,
                  execution.getProcessInstanceId(),
                  versionId ->
                      runtime
                              .createProcessInstanceQuery()
                              .processDefinitionKey(KeyDestructionProcess.PROCESS_KEY)
                              .variableValueEquals(
                                  KeyDestructionProcess.VAR_VERSION_ID, versionId.toString())
                              .count()
                          > 0);
    } catch (Refusal refusal) {
      execution.setVariable(REFUSAL_REASON, refusal.getMessage());
      throw new BpmnError(
          rotationCampaign
              ? RotationCampaignProcess.ERROR_CODE_REFUSED
              : DestructionCampaignProcess.ERROR_CODE_REFUSED,
          refusal.getMessage());
    }
    execution.setVariable(KEYS_IN_CAMPAIGN, requested.keys());
    execution.setVariable(KEYS_REFUSED, requested.refused());
    execution.setVariable(CAMPAIGN_KEYS, requested.preview());
    execution.setVariable(KEYS_REMAINING, requested.keys());
  }

  private static boolean running(RuntimeService runtime, String processKey, String alias) {
    return runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(processKey)
            .processInstanceBusinessKey(alias)
            .count()
        > 0;
  }
}
