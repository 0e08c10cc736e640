package io.keyflow.campaign;

import io.keyflow.approval.ApprovalGuard;
import io.keyflow.approval.ApprovalGuard.CampaignApproval;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.OtherInstances;
import io.keyflow.campaign.internal.CampaignPreview;
import io.keyflow.campaign.internal.CampaignRefusals;
import io.keyflow.campaign.internal.CampaignRepository;
import io.keyflow.hsm.HsmConcurrency;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyRotationRefused;
import io.keyflow.ledger.details.RotationCampaignRequested;
import io.keyflow.rotation.DueRotation;
import io.keyflow.rotation.RotationOrder;
import io.keyflow.rotation.RotationRecorded;
import io.keyflow.rotation.RotationRequest;
import io.keyflow.rotation.RotationRequests;
import io.keyflow.rotation.RotationService;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
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

  private final RotationRequests requests;
  private final RotationService rotation;
  private final CampaignRepository campaigns;
  private final Campaigns progress;
  private final ApprovalGuard guard;
  private final HsmConcurrency hsm;
  private final Ledger ledger;
  private final Clock clock;

  RotationCampaigns(
      RotationRequests requests,
      RotationService rotation,
      CampaignRepository campaigns,
      Campaigns progress,
      ApprovalGuard guard,
      HsmConcurrency hsm,
      Ledger ledger,
      Clock clock) {
    this.requests = requests;
    this.rotation = rotation;
    this.campaigns = campaigns;
    this.progress = progress;
    this.guard = guard;
    this.hsm = hsm;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * The campaign's request as written: how many keys, refused and skipped, and a preview for the
   * form.
   */
  public record Requested(int keys, int refused, List<String> skipped, String preview) {}

  /**
   * Writes {@code ROTATION_CAMPAIGN_REQUESTED} listing every key due that passes the
   * single-rotation checks (its new version's id and number fixed now), and the refused ones with
   * why. Keys whose rotation runs, or which are in another open campaign, are skipped.
   *
   * @throws Refusal when the requester is not the sweep, or no key is left to rotate
   */
  @Transactional(noRollbackFor = Refusal.class)
  public Requested request(
      String requestedBy, String campaignId, Predicate<String> rotationRunning) {
    if (!SWEEP_PRINCIPAL.equals(requestedBy)) {
      throw refused(
          requestedBy,
          campaignId,
          new Refusal(
              Kind.INVALID_REQUEST,
              "A rotation campaign is requested by the daily rotation sweep only, not by "
                  + requestedBy
                  + "; request the rotation of a key with the KeyRotation process instead"));
    }
    Set<String> inCampaigns = campaigns.aliasesInOpenCampaigns(CampaignKind.ROTATION);
    List<RotationCampaignRequested.Item> items = new ArrayList<>();
    List<RotationCampaignRequested.RefusedKey> refusals = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    StringBuilder preview = new StringBuilder();
    for (DueRotation due : requests.dueForRotation()) {
      if (inCampaigns.contains(due.alias()) || rotationRunning.test(due.alias())) {
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
      throw refused(
          requestedBy,
          campaignId,
          new Refusal(
              Kind.CONFLICT,
              "No key due for rotation passes the checks now ("
                  + refusals.size()
                  + " refused, "
                  + skipped.size()
                  + " already being rotated); nothing to approve"));
    }
    LedgerEntry entry =
        ledger.append(
            LedgerEvent.builder(LedgerAction.ROTATION_CAMPAIGN_REQUESTED, requestedBy)
                .processInstance(campaignId)
                .details(
                    new RotationCampaignRequested(
                        "Scheduled rotation campaign: "
                            + items.size()
                            + " keys reach their protect-stop within"
                            + " the rotation lead time",
                        items.size(),
                        items,
                        refusals,
                        skipped))
                .build());
    Map<String, String> aliases = new LinkedHashMap<>();
    items.forEach(i -> aliases.put(i.item(), i.item()));
    campaigns.insert(
        campaignId,
        CampaignKind.ROTATION,
        requestedBy,
        clock.instant(),
        entry.seq(),
        refusals.size(),
        aliases);
    return new Requested(
        items.size(), refusals.size(), skipped, CampaignPreview.finish(preview, items.size()));
  }

  /**
   * Generates the new version of one campaign key, once the ledger shows the campaign's approval
   * covering it.
   */
  public String rotateKey(String campaignId, String alias, String processInstanceId) {
    CampaignApproval approval =
        guard.requireCampaignItem(
            ApprovalPhase.ROTATION_CAMPAIGN,
            campaignId,
            alias,
            1,
            "generate the new key version",
            processInstanceId);
    progress.requireStartedByCampaign(campaignId, alias, processInstanceId);
    return hsm.call(() -> rotation.generate(order(approval))).kcv();
  }

  /**
   * Records one campaign key's rotation ({@code KEY_ROTATED} naming the campaign) and counts it
   * done.
   */
  @Transactional
  public RotationRecorded recordKey(String campaignId, String alias, String processInstanceId) {
    CampaignApproval approval =
        guard.requireCampaignItem(
            ApprovalPhase.ROTATION_CAMPAIGN,
            campaignId,
            alias,
            1,
            "record the rotation",
            processInstanceId);
    RotationRecorded recorded =
        rotation.record(
            order(approval), processInstanceId, approval.approvers(), approval.reference());
    progress.done(campaignId, alias, "Rotated to version " + recorded.newVersion().number());
    return recorded;
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

  private Refusal refused(String requestedBy, String campaignId, Refusal refusal) {
    return CampaignRefusals.recorded(
        ledger,
        LedgerAction.KEY_ROTATION_REFUSED,
        requestedBy,
        campaignId,
        new KeyRotationRefused(refusal.getMessage(), campaignId),
        refusal);
  }
}
