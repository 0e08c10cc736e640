package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.RotationSweepProcess.*;

import io.keyflow.approval.OtherInstances;
import io.keyflow.campaign.CampaignKeyRotationProcess;
import io.keyflow.campaign.CampaignKind;
import io.keyflow.campaign.RotationCampaignProcess;
import io.keyflow.campaign.internal.CampaignRepository;
import io.keyflow.engine.ProcessSupport;
import io.keyflow.rotation.DueRotation;
import io.keyflow.rotation.DueRotations;
import io.keyflow.rotation.KeyRotationProcess;
import io.keyflow.rotation.RotationSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The daily sweep: starts one rotation, as {@code system:rotation-sweep}, for every key whose
 * primary version stops protecting within the lead time, and none for a key that already has a
 * rotation running (alone or in an open campaign). When more keys are due than {@code
 * keyflow.rotation.campaign-threshold}, it starts one {@code RotationCampaign} for them all
 * instead.
 */
@Component
class StartDueRotationsDelegate extends SweepDelegate<DueRotation> {

  private final DueRotations rotation;
  private final RotationSettings settings;
  private final CampaignRepository campaigns;

  StartDueRotationsDelegate(
      DueRotations rotation, RotationSettings settings, CampaignRepository campaigns) {
    super(
        KeyRotationProcess.SWEEP_PRINCIPAL,
        new Variables(
            VAR_CAMPAIGN_STARTED,
            VAR_ROTATIONS_STARTED,
            VAR_ROTATIONS_SKIPPED,
            VAR_ROTATIONS_REFUSED));
    this.rotation = rotation;
    this.settings = settings;
    this.campaigns = campaigns;
  }

  @Override
  List<DueRotation> due() {
    return rotation.dueForRotation();
  }

  @Override
  String name(DueRotation due) {
    return due.alias();
  }

  @Override
  Predicate<DueRotation> running(DelegateExecution execution) {
    Set<String> inCampaigns = campaigns.aliasesInOpenCampaigns(CampaignKind.ROTATION);
    OtherInstances rotations =
        ProcessSupport.otherInstances(
            execution, KeyRotationProcess.PROCESS_KEY, CampaignKeyRotationProcess.PROCESS_KEY);
    return due -> inCampaigns.contains(due.alias()) || rotations.running(due.alias());
  }

  @Override
  int campaignThreshold() {
    return settings.campaignThreshold();
  }

  @Override
  String campaignProcessKey() {
    return RotationCampaignProcess.PROCESS_KEY;
  }

  @Override
  ProcessInstance start(RuntimeService runtime, DueRotation due) {
    return runtime.startProcessInstanceByKey(
        KeyRotationProcess.PROCESS_KEY,
        due.alias(),
        Map.of(
            KeyRotationProcess.VAR_ALIAS,
            due.alias(),
            KeyRotationProcess.VAR_REASON,
            due.reason()));
  }
}
