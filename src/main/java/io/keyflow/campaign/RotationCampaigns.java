package io.keyflow.campaign;

import io.keyflow.approval.ApprovalGuard.CampaignApproval;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.Requester;
import io.keyflow.campaign.internal.CampaignPreview;
import io.keyflow.hsm.HsmConcurrency;
import io.keyflow.ledger.details.KeyRotationRefused;
import io.keyflow.ledger.details.RotationCampaignRequested;
import io.keyflow.rotation.DueRotation;
import io.keyflow.rotation.DueRotations;
import io.keyflow.rotation.RotationOrder;
import io.keyflow.rotation.RotationRecorded;
import io.keyflow.rotation.RotationRequest;
import io.keyflow.rotation.RotationRequests;
import io.keyflow.rotation.RotationService;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A rotation campaign: one request for every key due (each checked by the single-rotation rules),
 * one officer's approval, then one independent rotation per key, recorded with {@code KEY_ROTATED}
 * naming the campaign and its approval entries. Each per-key step reads its orders from the
 * campaign's request entry and checks the approval in the ledger first.
 */
@Service
public class RotationCampaigns {

  /** Only the rotation sweep requests campaigns. */
  public static final String SWEEP_PRINCIPAL = "system:rotation-sweep";

  private static final ApprovalPhase PHASE = ApprovalPhase.ROTATION_CAMPAIGN;

  private final RotationRequests requests;
  private final DueRotations dueRotations;
  private final RotationService rotation;
  private final Campaigns campaigns;
  private final HsmConcurrency hsm;

  RotationCampaigns(
      RotationRequests requests,
      DueRotations dueRotations,
      RotationService rotation,
      Campaigns campaigns,
      HsmConcurrency hsm) {
    this.requests = requests;
    this.dueRotations = dueRotations;
    this.rotation = rotation;
    this.campaigns = campaigns;
    this.hsm = hsm;
  }

  /**
   * Writes {@code ROTATION_CAMPAIGN_REQUESTED} listing every key due that passes the
   * single-rotation checks (its new version's id and number fixed now), and the refused ones with
   * why. Keys whose rotation runs, or which are in another open campaign, are skipped.
   *
   * @param rotations whether a key's rotation runs already, alone or in a campaign
   * @throws Refusal when the requester is not the sweep, or no key is left to rotate (recorded as
   *     {@code KEY_ROTATION_REFUSED} naming the campaign)
   */
  @Transactional(noRollbackFor = Refusal.class)
  public Campaigns.Requested request(Requester requester, OtherInstances rotations) {
    String campaignId = requester.processInstanceId();
    return campaigns.request(
        PHASE,
        CampaignKind.ROTATION,
        requester,
        requestedBy -> draft(requestedBy, rotations),
        refusal -> new KeyRotationRefused(refusal.getMessage(), campaignId));
  }

  private Campaigns.Draft draft(String requestedBy, OtherInstances rotations) {
    if (!SWEEP_PRINCIPAL.equals(requestedBy)) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "A rotation campaign is requested by the daily rotation sweep only, not by "
              + requestedBy
              + "; request the rotation of a key with the KeyRotation process instead");
    }
    Set<String> inCampaigns = campaigns.inOpenCampaigns(CampaignKind.ROTATION);
    List<RotationCampaignRequested.Item> items = new ArrayList<>();
    List<RotationCampaignRequested.RefusedKey> refusals = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    StringBuilder preview = new StringBuilder();
    for (DueRotation due : dueRotations.dueForRotation()) {
      if (inCampaigns.contains(due.alias()) || rotations.running(due.alias())) {
        skipped.add(due.alias());
        continue;
      }
      try {
        RotationRequest r =
            requests.checkForCampaign(due.alias(), due.reason(), requestedBy, OtherInstances.NONE);
        items.add(
            new RotationCampaignRequested.Item(
                r.key().alias(),
                r.key().id().toString(),
                r.key().purpose().name(),
                r.key().environment().name(),
                r.current().id().toString(),
                r.current().number(),
                r.current().protectStopAt(),
                r.newVersionId().toString(),
                r.newVersionNumber(),
                r.encryptPeriod().toDays(),
                r.retention().toDays(),
                r.reason()));
        CampaignPreview.line(
            preview,
            r.key().alias(),
            r.key().purpose(),
            r.key().environment(),
            r.current().protectStopAt());
      } catch (Refusal refusal) {
        refusals.add(new RotationCampaignRequested.RefusedKey(due.alias(), refusal.getMessage()));
      }
    }
    if (items.isEmpty()) {
      throw new Refusal(
          Kind.CONFLICT,
          "No key due for rotation passes the checks now ("
              + refusals.size()
              + " refused, "
              + skipped.size()
              + " already being rotated); nothing to approve");
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    items.forEach(i -> aliases.put(i.item(), i.item()));
    return new Campaigns.Draft(
        new RotationCampaignRequested(
            "Scheduled rotation campaign: "
                + items.size()
                + " keys reach their protect-stop within"
                + " the rotation lead time",
            items.size(),
            items,
            refusals,
            skipped),
        aliases,
        refusals.size(),
        skipped,
        CampaignPreview.finish(preview, items.size()));
  }

  /**
   * Generates the new version of one campaign key, once the ledger shows the campaign's approval
   * covering it.
   */
  public String rotateKey(String campaignId, String alias, String processInstanceId) {
    CampaignApproval approval =
        approval(campaignId, alias, "generate the new key version", processInstanceId);
    campaigns.requireStartedByCampaign(campaignId, alias, processInstanceId);
    return hsm.call(() -> rotation.generate(order(approval))).kcv();
  }

  /**
   * Records one campaign key's rotation ({@code KEY_ROTATED} naming the campaign) and counts it
   * done.
   */
  @Transactional
  public RotationRecorded recordKey(String campaignId, String alias, String processInstanceId) {
    CampaignApproval approval =
        approval(campaignId, alias, "record the rotation", processInstanceId);
    RotationRecorded recorded =
        rotation.record(
            order(approval), processInstanceId, approval.approvers(), approval.reference());
    campaigns.done(campaignId, alias, "Rotated to version " + recorded.newVersion().number());
    return recorded;
  }

  private CampaignApproval approval(
      String campaignId, String alias, String step, String processInstanceId) {
    return campaigns.approval(PHASE, campaignId, alias, 1, step, processInstanceId);
  }

  private static RotationOrder order(CampaignApproval approval) {
    RotationCampaignRequested.Item item = approval.item(RotationCampaignRequested.Item.class);
    return new RotationOrder(
        UUID.fromString(item.keyId()),
        UUID.fromString(item.currentVersionId()),
        UUID.fromString(item.newVersionId()),
        item.newVersion(),
        Duration.ofDays(item.encryptPeriodDays()),
        Duration.ofDays(item.retentionDays()),
        item.reason(),
        approval.requestedBy());
  }
}
