package io.keyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RotationCampaignProcessTest extends CampaignTestBase {

  @Autowired KeyRepository keys;

  /**
   * {@code count} keys created now, then the clock moved to 336 days later: all within the 30-day
   * lead time.
   */
  private List<ManagedKey> keysDue(int count) {
    Instant created = Instant.now();
    List<ManagedKey> due = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      due.add(
          LifecycleFixtures.activeKey(
              keys, fakeVault, LifecycleFixtures.alias("camp"), KeyPurpose.DATA_AT_REST, created));
    }
    ClockUtil.setCurrentTime(Date.from(created.plus(Duration.ofDays(336))));
    return due;
  }

  private ProcessInstance sweep() {
    return runSweep(RotationSweepProcess.PROCESS_KEY, RotationCampaignProcess.PROCESS_KEY);
  }

  private KeyState stateOf(ManagedKey key, int version) {
    return keys.findVersion(key.id(), version).map(v -> v.state()).orElse(null);
  }

  @Test
  void moreKeysDueThanTheThresholdStartOneCampaignInsteadOfSingleRotations() throws Exception {
    List<ManagedKey> due = keysDue(4);

    ProcessInstance campaign = sweep();

    assertThat(campaign).isNotNull();
    assertThat(campaign)
        .isWaitingAt(RotationCampaignProcess.TASK_APPROVE)
        .variables()
        .containsEntry(CampaignVariables.KEYS_IN_CAMPAIGN, 4)
        .containsEntry(CampaignVariables.REQUESTED_BY, RotationCampaigns.SWEEP_PRINCIPAL);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("KeyRotation").count())
        .isZero();
    JsonNode request = details("ROTATION_CAMPAIGN_REQUESTED", campaign.getId());
    assertThat(request.path("items")).hasSize(4);
    JsonNode first = request.path("items").get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .contains(
            "item",
            "keyId",
            "currentVersionId",
            "currentVersion",
            "newVersionId",
            "newVersion",
            "purpose",
            "environment",
            "protectStop");
    assertThat(first.path("newVersion").asInt()).isEqualTo(2);
    assertThat((String) runtime.getVariable(campaign.getId(), CampaignVariables.CAMPAIGN_KEYS))
        .contains(due.get(0).alias() + " | DATA_AT_REST | PRODUCTION | ");
  }

  @Test
  void aKeyWhoseRotationRunsAloneOrForAnotherCampaignIsSkippedByTheCampaignsRequest()
      throws Exception {
    List<ManagedKey> due = keysDue(6);
    ManagedKey rotating = due.get(0);
    ManagedKey inAnotherCampaign = due.get(1);
    start(
        "KeyRotation",
        "alice",
        Map.of("alias", rotating.alias(), "reason", "Rotate before the audit"));
    actAs("alice");
    try {
      runtime.startProcessInstanceByKey(
          CampaignKeyRotationProcess.PROCESS_KEY,
          inAnotherCampaign.alias(),
          Map.of(
              CampaignVariables.CAMPAIGN_ID,
              "another-campaign",
              CampaignVariables.ALIAS,
              inAnotherCampaign.alias()));
    } finally {
      identity.clearAuthentication();
    }

    ProcessInstance campaign = sweep();

    JsonNode request = details("ROTATION_CAMPAIGN_REQUESTED", campaign.getId());
    assertThat(request.path("items")).hasSize(4);
    assertThat(request.path("items"))
        .extracting(item -> item.path("item").asText())
        .doesNotContain(rotating.alias(), inAnotherCampaign.alias());
    assertThat(request.path("skipped"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(rotating.alias(), inAnotherCampaign.alias());
  }

  @Test
  void atTheThresholdTheSweepStartsSingleRotationsAsBefore() {
    List<ManagedKey> due = keysDue(3);

    ProcessInstance campaign = sweep();

    assertThat(campaign).isNull();
    for (ManagedKey key : due) {
      assertThat(
              runtime
                  .createProcessInstanceQuery()
                  .processDefinitionKey("KeyRotation")
                  .processInstanceBusinessKey(key.alias())
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void anExcludedKeyIsNotRotatedAndTheLedgerSaysWhoExcludedItAndWhy() throws Exception {
    List<ManagedKey> due = keysDue(5);
    ProcessInstance campaign = sweep();
    ManagedKey excluded = due.get(2);

    approve(
        "bob", campaign, excluded.alias() + ": migrating this database to another key next week");
    runJobs();
    updateProgress(campaign);

    for (ManagedKey key : due) {
      boolean isExcluded = key.equals(excluded);
      assertThat(stateOf(key, 1))
          .as(key.alias())
          .isEqualTo(isExcluded ? KeyState.ACTIVE : KeyState.DEACTIVATED);
      assertThat(stateOf(key, 2)).as(key.alias()).isEqualTo(isExcluded ? null : KeyState.ACTIVE);
    }
    JsonNode approval = details("ROTATION_CAMPAIGN_APPROVED", campaign.getId());
    assertThat(approval.path("exclusions")).hasSize(1);
    assertThat(approval.path("exclusions").get(0).path("item").asText())
        .isEqualTo(excluded.alias());
    assertThat(approval.path("exclusions").get(0).path("reason").asText()).startsWith("migrating");
    long approvalSeq =
        jdbc.queryForObject(
            "SELECT seq FROM ledger_entry WHERE action = 'ROTATION_CAMPAIGN_APPROVED' AND process_instance_id = ?",
            Long.class,
            campaign.getId());
    List<String> rotated =
        jdbc.queryForList(
            "SELECT details FROM ledger_entry WHERE action = 'KEY_ROTATED' AND details LIKE ?",
            String.class,
            "%" + campaign.getId() + "%");
    assertThat(rotated)
        .hasSize(4)
        .allSatisfy(d -> assertThat(d).contains("\"campaignApprovalSeqs\":[" + approvalSeq + "]"));
    assertThat(ledgerCount("KEY_ROTATED", excluded.alias())).isZero();
    assertThat(campaign).isEnded().hasPassed(RotationCampaignProcess.END_FINISHED);
    assertThat(campaigns.progress(campaign.getId())).isEqualTo(new CampaignProgress(5, 1, 4, 0, 0));
  }

  @Test
  void badExclusionsAreRefusedAtCompletionAndNothingChanges() {
    List<ManagedKey> due = keysDue(4);
    ProcessInstance campaign = sweep();
    String taskId = task(campaign).getId();

    for (String bad :
        List.of(
            "no-such-key: not in the campaign",
            due.get(0).alias() + ":",
            due.get(0).alias() + " without a colon",
            due.get(0).alias() + ": " + "x".repeat(201),
            due.get(0).alias() + ": twice\n" + due.get(0).alias() + ": twice")) {
      assertThatThrownBy(
              () -> completeAs("bob", taskId, Map.of("approved", true, "exclusions", bad)))
          .as(bad)
          .isInstanceOf(FormFieldValidationException.class)
          .hasMessageContaining("Nothing was recorded");
    }

    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    assertThat(entries("ROTATION_CAMPAIGN_APPROVED", campaign.getId())).isZero();
    assertThat(runtime.getVariable(campaign.getId(), CampaignVariables.EXCLUSIONS)).isNull();
    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey(CampaignKeyRotationProcess.PROCESS_KEY)
                .count())
        .isZero();
  }

  @Test
  void theSweepPrincipalCanNeverApproveItsCampaignEvenWithTheOfficerGroup() {
    keysDue(4);
    ProcessInstance campaign = sweep();
    identity.setAuthentication(RotationCampaigns.SWEEP_PRINCIPAL, List.of("security-officer"));
    try {
      assertThatThrownBy(() -> tasks.complete(task(campaign).getId(), Map.of("approved", true)))
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("Four-eyes rule");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(entries("ROTATION_CAMPAIGN_APPROVED", campaign.getId())).isZero();
  }

  @Test
  void engineeringCannotStartACampaignByHand() {
    keysDue(4);

    ProcessInstance byHand = start(RotationCampaignProcess.PROCESS_KEY, "alice", Map.of());

    assertThat(byHand).isEnded().hasPassed(RotationCampaignProcess.END_REFUSED);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM ledger_entry WHERE action = 'KEY_ROTATION_REFUSED' AND process_instance_id = ?",
                String.class,
                byHand.getId()))
        .contains("requested by the daily rotation sweep only");
    assertThat(entries("ROTATION_CAMPAIGN_REQUESTED", byHand.getId())).isZero();
  }

  @Test
  void oneKeyFailingBecomesAnIncidentOnThatKeyAndTheOthersFinish() {
    List<ManagedKey> due = keysDue(4);
    ManagedKey failing = due.get(1);
    doThrow(new KeyVaultException.Unavailable("the HSM refused this key", null))
        .when(vault)
        .generate(argThat(spec -> spec != null && spec.label().contains(failing.alias())));
    ProcessInstance campaign = sweep();
    approve("carol", campaign, null);

    runJobs();
    ProcessInstance failed =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(CampaignKeyRotationProcess.PROCESS_KEY)
            .processInstanceBusinessKey(failing.alias())
            .singleResult();
    var job = management.createJobQuery().processInstanceId(failed.getId()).singleResult();
    while (management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
      assertThatThrownBy(() -> management.executeJob(job.getId()))
          .hasMessageContaining("the HSM refused this key");
    }
    updateProgress(campaign);

    assertThat(runtime.createIncidentQuery().processInstanceId(failed.getId()).count())
        .isEqualTo(1);
    for (ManagedKey key : due) {
      assertThat(stateOf(key, 2))
          .as(key.alias())
          .isEqualTo(key.equals(failing) ? null : KeyState.ACTIVE);
    }
    assertThat(campaigns.progress(campaign.getId())).isEqualTo(new CampaignProgress(4, 0, 3, 1, 0));
    assertThat(campaign).isEnded().hasPassed(RotationCampaignProcess.END_FINISHED);
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(campaign.getId())
                .variableName(CampaignVariables.KEYS_FAILED)
                .singleResult()
                .getValue())
        .isEqualTo(1);
  }

  @Test
  void aCampaignMovedPastItsApprovalIsStoppedBeforeAnyKeyStarts() {
    keysDue(4);
    ProcessInstance campaign = sweep();

    skipApprovalAsAdministrator(
        campaign,
        RotationCampaignProcess.TASK_APPROVE,
        RotationCampaignProcess.TASK_START_KEY_STEPS);

    assertHsmStepRefusedAsAnIncidentWithAnAlert(
        campaign, RotationCampaignProcess.TASK_START_KEY_STEPS);
    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey(CampaignKeyRotationProcess.PROCESS_KEY)
                .count())
        .isZero();
  }

  @Test
  void aKeyRotationStartedForAnExcludedKeyIsRefusedInTheHsmStepWithAnAlert() {
    List<ManagedKey> due = keysDue(4);
    ProcessInstance campaign = sweep();
    ManagedKey excluded = due.get(0);
    approve("bob", campaign, excluded.alias() + ": kept for the audit");

    ProcessInstance bypass =
        start(
            CampaignKeyRotationProcess.PROCESS_KEY,
            "alice",
            Map.of(
                CampaignVariables.CAMPAIGN_ID,
                campaign.getId(),
                CampaignVariables.ALIAS,
                excluded.alias()));

    assertHsmStepRefusedAsAnIncidentWithAnAlert(bypass, CampaignKeyRotationProcess.TASK_GENERATE);
    assertThat(fakeVault.generatedCount()).isZero();
    assertThat(stateOf(excluded, 2)).isNull();
  }

  @Test
  void anInstanceStartedByHandForACoveredKeyDoesNothingAndTheKeyIsRotatedOnce() {
    List<ManagedKey> due = keysDue(4);
    ProcessInstance campaign = sweep();
    approve("bob", campaign, null);
    ManagedKey covered = due.get(3);

    ProcessInstance byHand =
        start(
            CampaignKeyRotationProcess.PROCESS_KEY,
            "alice",
            Map.of(
                CampaignVariables.CAMPAIGN_ID,
                campaign.getId(),
                CampaignVariables.ALIAS,
                covered.alias()));
    var job = management.createJobQuery().processInstanceId(byHand.getId()).singleResult();
    assertThatThrownBy(() -> management.executeJob(job.getId()))
        .hasMessageContaining("was not started by campaign");
    runJobs();

    assertThat(stateOf(covered, 2)).isEqualTo(KeyState.ACTIVE);
    assertThat(fakeVault.generatedCount()).isEqualTo(4);
    assertThat(ledgerCount("KEY_ROTATED", covered.alias())).isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(byHand.getId()).count())
        .isEqualTo(1);
  }

  @Test
  void anApprovalLeftOpenPastTheEscalationTimeIsEscalatedAndStaysOpen() {
    keysDue(4);
    ProcessInstance campaign = sweep();
    var timer =
        management
            .createJobQuery()
            .processInstanceId(campaign.getId())
            .timers()
            .activityId(RotationCampaignProcess.BOUNDARY_APPROVAL_OVERDUE)
            .singleResult();

    management.executeJob(timer.getId());

    assertThat(campaign)
        .isWaitingAt(RotationCampaignProcess.TASK_APPROVE)
        .variables()
        .containsEntry(RotationCampaignProcess.VAR_ESCALATED, true);
    assertThat(task(campaign).getPriority()).isEqualTo(RotationCampaignProcess.ESCALATED_PRIORITY);
  }
}
