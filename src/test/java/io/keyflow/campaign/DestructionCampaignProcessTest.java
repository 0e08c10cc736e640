package io.keyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.lifecycle.LifecycleFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DestructionCampaignProcessTest extends CampaignTestBase {

  @Autowired KeyRepository keys;

  /**
   * {@code count} keys rotated now (v1 DEACTIVATED, retained 30 days), then the clock moved past
   * the retention.
   */
  private List<KeyVersion> versionsDue(int count) {
    Instant rotatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<KeyVersion> due = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ManagedKey key =
          LifecycleFixtures.rotatedKey(
              keys,
              fakeVault,
              LifecycleFixtures.alias("dcamp"),
              KeyPurpose.DATA_IN_TRANSIT,
              rotatedAt,
              1);
      due.add(keys.findVersion(key.id(), 1).orElseThrow());
    }
    ClockUtil.setCurrentTime(Date.from(rotatedAt.plus(Duration.ofDays(31))));
    return due;
  }

  private String item(KeyVersion version) {
    return DestructionCampaigns.item(
        keys.findById(version.keyId()).orElseThrow().alias(), version.number());
  }

  private ProcessInstance sweep() {
    return runSweep(DestructionSweepProcess.PROCESS_KEY, DestructionCampaignProcess.PROCESS_KEY);
  }

  @Test
  void twoDifferentOfficersNeitherTheSweepApproveTheBatchAndEachVersionIsDestroyedWithBothNamed()
      throws Exception {
    List<KeyVersion> due = versionsDue(4);
    KeyVersion excluded = due.get(3);
    ProcessInstance campaign = sweep();
    assertThat(campaign).isWaitingAt(DestructionCampaignProcess.TASK_FIRST_APPROVAL);

    approve("bob", campaign, item(excluded) + ": legal hold on this archive");
    assertThat(campaign).isWaitingAt(DestructionCampaignProcess.TASK_SECOND_APPROVAL);
    assertThatThrownBy(() -> approve("bob", campaign, null))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Dual control");
    identity.setAuthentication(DestructionCampaigns.SWEEP_PRINCIPAL, List.of("security-officer"));
    try {
      assertThatThrownBy(() -> tasks.complete(task(campaign).getId(), Map.of("approved", true)))
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("Four-eyes rule");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(entries("DESTRUCTION_CAMPAIGN_APPROVED", campaign.getId())).isEqualTo(1);
    approve("carol", campaign, null);
    runJobs();
    updateProgress(campaign);

    for (KeyVersion version : due) {
      boolean kept = version.equals(excluded);
      assertThat(keys.findVersion(version.id()).orElseThrow().state())
          .as(item(version))
          .isEqualTo(kept ? KeyState.DEACTIVATED : KeyState.DESTROYED);
      assertThat(fakeVault.contains(version.hsmKeyId())).as(item(version)).isEqualTo(kept);
    }
    List<String> destroyed =
        jdbc.queryForList(
            "SELECT details FROM ledger_entry WHERE action = 'KEY_DESTROYED' AND details LIKE ?",
            String.class,
            "%" + campaign.getId() + "%");
    assertThat(destroyed)
        .hasSize(3)
        .allSatisfy(
            d ->
                assertThat(d)
                    .contains(
                        "\"approvedBy\":[\"bob\",\"carol\"]",
                        "\"verifiedAbsent\":true",
                        "\"campaignApprovalSeqs\":["));
    JsonNode first = details("DESTRUCTION_CAMPAIGN_APPROVED", campaign.getId());
    assertThat(first.path("exclusions").get(0).path("item").asText()).isEqualTo(item(excluded));
    assertThat(campaigns.progress(campaign.getId())).isEqualTo(new CampaignProgress(4, 1, 3, 0, 0));
    assertThat(campaign).isEnded().hasPassed(DestructionCampaignProcess.END_FINISHED);
  }

  @Test
  void aVersionWhoseDestructionRunsIsSkippedByTheCampaignsRequest() throws Exception {
    List<KeyVersion> due = versionsDue(5);
    KeyVersion beingDestroyed = due.get(0);
    String alias = keys.findById(beingDestroyed.keyId()).orElseThrow().alias();
    ProcessInstance single =
        start(
            "KeyDestruction",
            "alice",
            Map.of("alias", alias, "version", 1, "reason", "Retention ended"));
    assertThat(single).isActive();

    ProcessInstance campaign = sweep();

    JsonNode request = details("DESTRUCTION_CAMPAIGN_REQUESTED", campaign.getId());
    assertThat(request.path("items")).hasSize(4);
    assertThat(request.path("items"))
        .extracting(item -> item.path("item").asText())
        .doesNotContain(item(beingDestroyed));
    assertThat(request.path("skipped"))
        .extracting(JsonNode::asText)
        .containsExactly(item(beingDestroyed));
  }

  @Test
  void oneApprovalIsNotEnoughForTheDestroyStepOfACampaignVersion() {
    List<KeyVersion> due = versionsDue(4);
    ProcessInstance campaign = sweep();
    approve("bob", campaign, null);

    ProcessInstance early =
        start(
            CampaignVersionDestructionProcess.PROCESS_KEY,
            "alice",
            Map.of(
                CampaignVariables.CAMPAIGN_ID,
                campaign.getId(),
                CampaignVariables.ITEM,
                item(due.get(0))));

    assertHsmStepRefusedAsAnIncidentWithAnAlert(
        early, CampaignVersionDestructionProcess.TASK_DESTROY);
    assertThat(fakeVault.contains(due.get(0).hsmKeyId())).isTrue();
  }

  @Test
  void aRejectionByEitherOfficerEndsTheCampaignAndDestroysNothing() {
    List<KeyVersion> due = versionsDue(4);
    ProcessInstance campaign = sweep();

    completeAs(
        "bob",
        task(campaign).getId(),
        Map.of("approved", false, "comment", "Retention is under review"));

    assertThat(campaign).isEnded().hasPassed(DestructionCampaignProcess.END_REJECTED);
    assertThat(entries("DESTRUCTION_CAMPAIGN_REJECTED", campaign.getId())).isEqualTo(1);
    assertThat(due)
        .allSatisfy(
            v ->
                assertThat(keys.findVersion(v.id()).orElseThrow().state())
                    .isEqualTo(KeyState.DEACTIVATED));
    assertThat(campaigns.find(campaign.getId()).orElseThrow().state())
        .isEqualTo(CampaignState.REJECTED);
  }
}
