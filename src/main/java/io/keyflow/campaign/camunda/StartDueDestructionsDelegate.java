package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.DestructionSweepProcess.*;

import io.keyflow.approval.OtherInstances;
import io.keyflow.campaign.CampaignKind;
import io.keyflow.campaign.DestructionCampaignProcess;
import io.keyflow.campaign.internal.CampaignRepository;
import io.keyflow.destruction.DestructionRequests;
import io.keyflow.destruction.DestructionSettings;
import io.keyflow.destruction.DueDestruction;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.engine.ProcessSupport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The daily sweep: starts one destruction, as {@code system:destruction-sweep}, for every
 * deactivated version whose retention has ended, and none for a version whose destruction is
 * already running (alone or in an open campaign). When more versions are due than {@code
 * keyflow.destruction.campaign-threshold}, it starts one {@code DestructionCampaign} for them all.
 */
@Component
class StartDueDestructionsDelegate extends SweepDelegate<DueDestruction> {

  private final DestructionRequests destruction;
  private final DestructionSettings settings;
  private final CampaignRepository campaigns;

  StartDueDestructionsDelegate(
      DestructionRequests destruction, DestructionSettings settings, CampaignRepository campaigns) {
    super(
        KeyDestructionProcess.SWEEP_PRINCIPAL,
        new Variables(
            VAR_CAMPAIGN_STARTED,
            VAR_DESTRUCTIONS_STARTED,
            VAR_DESTRUCTIONS_SKIPPED,
            VAR_DESTRUCTIONS_REFUSED));
    this.destruction = destruction;
    this.settings = settings;
    this.campaigns = campaigns;
  }

  @Override
  List<DueDestruction> due() {
    return destruction.dueForDestruction();
  }

  @Override
  String name(DueDestruction due) {
    return due.alias() + "/v" + due.version();
  }

  @Override
  Predicate<DueDestruction> running(DelegateExecution execution) {
    Set<String> inCampaigns = campaigns.aliasesInOpenCampaigns(CampaignKind.DESTRUCTION);
    OtherInstances destructions =
        ProcessSupport.otherInstances(execution, KeyDestructionProcess.PROCESS_KEY);
    return due ->
        inCampaigns.contains(due.alias())
            || destructions.running(
                due.alias(), KeyDestructionProcess.VAR_VERSION_ID, due.versionId().toString());
  }

  @Override
  int campaignThreshold() {
    return settings.campaignThreshold();
  }

  @Override
  String campaignProcessKey() {
    return DestructionCampaignProcess.PROCESS_KEY;
  }

  @Override
  ProcessInstance start(RuntimeService runtime, DueDestruction due) {
    return runtime.startProcessInstanceByKey(
        KeyDestructionProcess.PROCESS_KEY,
        due.alias(),
        Map.of(
            KeyDestructionProcess.VAR_ALIAS, due.alias(),
            KeyDestructionProcess.VAR_VERSION, due.version(),
            KeyDestructionProcess.VAR_REASON, due.reason()));
  }
}
