package io.keyflow.campaign;

import io.keyflow.destruction.DestructionRequests;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.destruction.DueDestruction;
import static io.keyflow.campaign.DestructionSweepProcess.*;

import io.keyflow.engine.ProcessSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The daily sweep: starts one destruction, as {@code system:destruction-sweep}, for every
 * deactivated version whose retention has ended, and none for a version whose destruction is
 * already running (alone or in an open campaign). When more versions are due than {@code
 * keyflow.destruction.campaign-threshold}, it starts one {@code DestructionCampaign} for them all.
 */
@Component
class StartDueDestructionsDelegate implements JavaDelegate {

  private final DestructionRequests destruction;
  private final CampaignSettings campaignSettings;
  private final CampaignRepository campaigns;

  StartDueDestructionsDelegate(
      DestructionRequests destruction, CampaignSettings campaignSettings, CampaignRepository campaigns) {
    this.destruction = destruction;
    this.campaignSettings = campaignSettings;
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    List<String> started = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Set<String> inCampaigns = campaigns.aliasesInOpenCampaigns(CampaignKind.DESTRUCTION);
    List<DueDestruction> dueNow = new ArrayList<>();
    for (DueDestruction due : destruction.dueForDestruction()) {
      boolean running =
          inCampaigns.contains(due.alias())
              || runtime.createProcessInstanceQuery()
                      .processDefinitionKey(KeyDestructionProcess.PROCESS_KEY)
                      .processInstanceBusinessKey(due.alias())
                      .variableValueEquals(KeyDestructionProcess.VAR_VERSION_ID, due.versionId().toString())
                      .count() > 0;
      if (running) {
        skipped.add(due.alias() + "/v" + due.version());
      } else {
        dueNow.add(due);
      }
    }
    if (dueNow.size() > campaignSettings.destructionThreshold()) {
      ProcessSupport.asSystemPrincipal(execution, KeyDestructionProcess.SWEEP_PRINCIPAL, () ->
          execution.setVariable(VAR_CAMPAIGN_STARTED,
              runtime.startProcessInstanceByKey(DestructionCampaignProcess.PROCESS_KEY).getId()));
      execution.setVariable(VAR_DESTRUCTIONS_STARTED, "");
      execution.setVariable(VAR_DESTRUCTIONS_SKIPPED, listed(skipped));
      execution.setVariable(VAR_DESTRUCTIONS_REFUSED, "");
      return;
    }
    ProcessSupport.asSystemPrincipal(execution, KeyDestructionProcess.SWEEP_PRINCIPAL, () -> {
      for (DueDestruction due : dueNow) {
        String name = due.alias() + "/v" + due.version();
        ProcessInstance instance =
            runtime.startProcessInstanceByKey(
                KeyDestructionProcess.PROCESS_KEY,
                due.alias(),
                Map.of(
                    KeyDestructionProcess.VAR_ALIAS, due.alias(),
                    KeyDestructionProcess.VAR_VERSION, due.version(),
                    KeyDestructionProcess.VAR_REASON, due.reason()));
        (instance.isEnded() ? refused : started).add(name);
      }
    });
    execution.setVariable(VAR_DESTRUCTIONS_STARTED, listed(started));
    execution.setVariable(VAR_DESTRUCTIONS_SKIPPED, listed(skipped));
    execution.setVariable(VAR_DESTRUCTIONS_REFUSED, listed(refused));
  }

  /** The names comma-separated, cut to fit a process variable (4,000 characters) with how many more there are. */
  static String listed(List<String> names) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      String next = (i == 0 ? "" : ",") + names.get(i);
      if (text.length() + next.length() > 3900) {
        return text + " … and " + (names.size() - i) + " more";
      }
      text.append(next);
    }
    return text.toString();
  }
}
