package io.keyflow.campaign;

import io.keyflow.rotation.RotationRequests;
import io.keyflow.rotation.DueRotation;
import io.keyflow.rotation.KeyRotationProcess;
import static io.keyflow.campaign.RotationSweepProcess.*;

import io.keyflow.engine.ProcessSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The daily sweep: starts one rotation, as {@code system:rotation-sweep}, for every key whose
 * primary version stops protecting within the lead time, and none for a key that already has a
 * rotation running (alone or in an open campaign). When more keys are due than {@code
 * keyflow.rotation.campaign-threshold}, it starts one {@code RotationCampaign} for them all instead.
 */
@Component
class StartDueRotationsDelegate implements JavaDelegate {

  private final RotationRequests rotation;
  private final CampaignSettings campaignSettings;
  private final CampaignRepository campaigns;

  StartDueRotationsDelegate(RotationRequests rotation, CampaignSettings campaignSettings, CampaignRepository campaigns) {
    this.rotation = rotation;
    this.campaignSettings = campaignSettings;
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    List<String> started = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Set<String> inCampaigns = campaigns.aliasesInOpenCampaigns(CampaignKind.ROTATION);
    List<DueRotation> due = new ArrayList<>();
    for (DueRotation candidate : rotation.dueForRotation()) {
      boolean running =
          inCampaigns.contains(candidate.alias())
              || Stream.of(KeyRotationProcess.PROCESS_KEY, CampaignKeyRotationProcess.PROCESS_KEY).anyMatch(key ->
                  runtime.createProcessInstanceQuery().processDefinitionKey(key)
                      .processInstanceBusinessKey(candidate.alias()).count() > 0);
      if (running) {
        skipped.add(candidate.alias());
      } else {
        due.add(candidate);
      }
    }
    if (due.size() > campaignSettings.rotationThreshold()) {
      ProcessSupport.asSystemPrincipal(execution, KeyRotationProcess.SWEEP_PRINCIPAL, () ->
          execution.setVariable(VAR_CAMPAIGN_STARTED,
              runtime.startProcessInstanceByKey(RotationCampaignProcess.PROCESS_KEY).getId()));
      execution.setVariable(VAR_ROTATIONS_STARTED, "");
      execution.setVariable(VAR_ROTATIONS_SKIPPED, listed(skipped));
      execution.setVariable(VAR_ROTATIONS_REFUSED, "");
      return;
    }
    ProcessSupport.asSystemPrincipal(execution, KeyRotationProcess.SWEEP_PRINCIPAL, () -> {
      for (DueRotation next : due) {
        ProcessInstance instance =
            runtime.startProcessInstanceByKey(
                KeyRotationProcess.PROCESS_KEY,
                next.alias(),
                Map.of(KeyRotationProcess.VAR_ALIAS, next.alias(), KeyRotationProcess.VAR_REASON, next.reason()));
        (instance.isEnded() ? refused : started).add(next.alias());
      }
    });
    execution.setVariable(VAR_ROTATIONS_STARTED, listed(started));
    execution.setVariable(VAR_ROTATIONS_SKIPPED, listed(skipped));
    execution.setVariable(VAR_ROTATIONS_REFUSED, listed(refused));
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
