package io.keyflow.campaign;

import io.keyflow.approval.ApprovalGuard.CampaignApproval;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.Requester;
import io.keyflow.campaign.internal.CampaignPreview;
import io.keyflow.destruction.DestructionOrder;
import io.keyflow.destruction.DestructionRequest;
import io.keyflow.destruction.DestructionRequests;
import io.keyflow.destruction.DestructionService;
import io.keyflow.destruction.DestructionSettings;
import io.keyflow.destruction.DueDestruction;
import io.keyflow.destruction.KeyDestructionProcess;
import io.keyflow.hsm.HsmConcurrency;
import io.keyflow.key.KeyVersion;
import io.keyflow.ledger.details.DestructionCampaignRequested;
import io.keyflow.ledger.details.KeyDestructionRefused;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A destruction campaign: one request for every version whose retention ended (each checked by the
 * single-destruction rules), dual control over the batch, then one independent destruction per
 * version — destroyed, verified absent and recorded with {@code KEY_DESTROYED} naming the campaign
 * and its approval entries.
 */
@Service
public class DestructionCampaigns {

  /** Only the destruction sweep requests campaigns. */
  public static final String SWEEP_PRINCIPAL = "system:destruction-sweep";

  private static final ApprovalPhase PHASE = ApprovalPhase.DESTRUCTION_CAMPAIGN;

  private final DestructionRequests requests;
  private final DestructionService destruction;
  private final DestructionSettings settings;
  private final Campaigns campaigns;
  private final HsmConcurrency hsm;

  DestructionCampaigns(
      DestructionRequests requests,
      DestructionService destruction,
      DestructionSettings settings,
      Campaigns campaigns,
      HsmConcurrency hsm) {
    this.requests = requests;
    this.destruction = destruction;
    this.settings = settings;
    this.campaigns = campaigns;
    this.hsm = hsm;
  }

  /** The item name of a version: {@code alias/vN}. */
  public static String item(String alias, int version) {
    return alias + "/v" + version;
  }

  /**
   * Writes {@code DESTRUCTION_CAMPAIGN_REQUESTED} listing every version due that passes the
   * single-destruction checks, and the refused ones with why; versions being destroyed are skipped.
   *
   * @param destructions whether a version's destruction runs already (asked by its {@link
   *     KeyDestructionProcess#VAR_VERSION_ID}, whatever the instance's business key)
   * @throws Refusal when the requester is not the sweep, or no version is left to destroy (recorded
   *     as {@code KEY_DESTRUCTION_REFUSED} naming the campaign)
   */
  @Transactional(noRollbackFor = Refusal.class)
  public Campaigns.Requested request(Requester requester, OtherInstances destructions) {
    String campaignId = requester.processInstanceId();
    return campaigns.request(
        PHASE,
        CampaignKind.DESTRUCTION,
        requester,
        requestedBy -> draft(requestedBy, destructions),
        refusal -> new KeyDestructionRefused(refusal.getMessage(), null, campaignId));
  }

  private Campaigns.Draft draft(String requestedBy, OtherInstances destructions) {
    if (!SWEEP_PRINCIPAL.equals(requestedBy)) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "A destruction campaign is requested by the daily destruction sweep only, not by "
              + requestedBy
              + "; request the destruction of a version with the KeyDestruction process instead");
    }
    Set<String> inCampaigns = campaigns.inOpenCampaigns(CampaignKind.DESTRUCTION);
    List<DestructionCampaignRequested.Item> items = new ArrayList<>();
    List<DestructionCampaignRequested.RefusedVersion> refusals = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    StringBuilder preview = new StringBuilder();
    for (DueDestruction due : requests.dueForDestruction()) {
      String name = item(due.alias(), due.version());
      if (inCampaigns.contains(due.alias())
          || destructions.runningWith(
              KeyDestructionProcess.VAR_VERSION_ID, due.versionId().toString())) {
        skipped.add(name);
        continue;
      }
      try {
        DestructionRequest.OneVersion r =
            requests.checkForCampaign(
                due.alias(), due.version(), due.reason(), requestedBy, destructions);
        KeyVersion v = r.version();
        items.add(
            new DestructionCampaignRequested.Item(
                name,
                r.key().alias(),
                r.key().id().toString(),
                r.key().purpose().name(),
                r.key().environment().name(),
                v.id().toString(),
                v.number(),
                v.state().name(),
                v.retainUntil(),
                v.kcv(),
                v.hsmLabel(),
                r.reason()));
        aliases.put(name, r.key().alias());
        CampaignPreview.line(
            preview, name, r.key().purpose(), r.key().environment(), v.retainUntil());
      } catch (Refusal refusal) {
        refusals.add(new DestructionCampaignRequested.RefusedVersion(name, refusal.getMessage()));
      }
    }
    if (items.isEmpty()) {
      throw new Refusal(
          Kind.CONFLICT,
          "No version due for destruction passes the checks now ("
              + refusals.size()
              + " refused, "
              + skipped.size()
              + " already being destroyed); nothing to approve");
    }
    return new Campaigns.Draft(
        new DestructionCampaignRequested(
            "Scheduled destruction campaign: the retention of " + items.size() + " versions ended",
            items.size(),
            settings.requiredApprovals(),
            items,
            refusals,
            skipped),
        aliases,
        refusals.size(),
        skipped,
        CampaignPreview.finish(preview, items.size()));
  }

  /** Destroys one campaign version once the ledger shows the campaign's approvals covering it. */
  public boolean destroyVersion(String campaignId, String item, String processInstanceId) {
    DestructionOrder order =
        order(approval(campaignId, item, "destroy the key version", processInstanceId));
    campaigns.requireStartedByCampaign(campaignId, item, processInstanceId);
    return hsm.call(() -> destruction.destroyInVault(order));
  }

  public void verifyVersion(String campaignId, String item, String processInstanceId) {
    destruction.verifyDestroyed(
        order(approval(campaignId, item, "verify the destruction", processInstanceId)));
  }

  /**
   * Records one version's destruction ({@code KEY_DESTROYED} naming the campaign) and counts it
   * done.
   */
  @Transactional
  public KeyVersion recordVersion(
      String campaignId, String item, String processInstanceId, boolean vaultObjectDestroyed) {
    CampaignApproval approval =
        approval(campaignId, item, "record the destruction", processInstanceId);
    KeyVersion destroyed =
        destruction.record(
            order(approval),
            processInstanceId,
            vaultObjectDestroyed,
            approval.approvers(),
            approval.reference());
    campaigns.done(campaignId, item, "Destroyed at " + destroyed.destroyedAt());
    return destroyed;
  }

  /** The alias of a version item, as its campaign request lists it. */
  public String aliasOf(String item) {
    return item.replaceFirst("/v[0-9]+$", "");
  }

  private CampaignApproval approval(
      String campaignId, String item, String step, String processInstanceId) {
    return campaigns.approval(
        PHASE, campaignId, item, settings.requiredApprovals(), step, processInstanceId);
  }

  private DestructionOrder order(CampaignApproval approval) {
    DestructionCampaignRequested.Item item = approval.item(DestructionCampaignRequested.Item.class);
    return new DestructionOrder(
        UUID.fromString(item.keyId()),
        item.alias(),
        UUID.fromString(item.versionId()),
        item.reason(),
        approval.requestedBy());
  }
}
