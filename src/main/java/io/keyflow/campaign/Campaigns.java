package io.keyflow.campaign;

import io.keyflow.approval.ApprovalGuard;
import io.keyflow.approval.ApprovalGuard.CampaignApproval;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.CampaignEntries;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.campaign.internal.CampaignItem;
import io.keyflow.campaign.internal.CampaignRepository;
import io.keyflow.ledger.details.CampaignRequest;
import io.keyflow.ledger.details.RequestRefused;
import io.keyflow.shared.Refusal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps every campaign shares: recording its request (or its refusal) with the campaign's
 * items, starting the per-key work in batches once the ledger shows the approvals (the request
 * minus the exclusions the approval entries record), the ledger check before each per-key step, and
 * tracking progress. Failures stay on the per-key instances; the campaign only counts them.
 */
@Service
public class Campaigns {

  /**
   * The campaign's request as written: how many keys, refused and skipped, and a preview for the
   * form.
   */
  public record Requested(int keys, int refused, List<String> skipped, String preview) {}

  /**
   * What a campaign's checks drew up: its request entry's details, for each item the key alias it
   * is about, how many items due its checks refused, those skipped (already running) and a preview
   * of the first items for the form.
   */
  record Draft(
      CampaignRequest details,
      Map<String, String> aliases,
      int refused,
      List<String> skipped,
      String preview) {}

  private final CampaignRepository campaigns;
  private final CampaignEntries entries;
  private final ApprovalGuard guard;
  private final PhaseSteps steps;
  private final Clock clock;

  Campaigns(
      CampaignRepository campaigns,
      CampaignEntries entries,
      ApprovalGuard guard,
      PhaseSteps steps,
      Clock clock) {
    this.campaigns = campaigns;
    this.entries = entries;
    this.guard = guard;
    this.steps = steps;
    this.clock = clock;
  }

  /**
   * Records a campaign's request: {@code check} draws it up for the authenticated requester (or
   * refuses), the request entry lists its items and the campaign's items are stored, citing that
   * entry. A refusal is recorded as {@code refused} says, naming no key, and rethrown.
   *
   * @param requester who asks, in the campaign's own process instance
   */
  @Transactional(noRollbackFor = Refusal.class)
  Requested request(
      ApprovalPhase phase,
      CampaignKind kind,
      Requester requester,
      Function<String, Draft> check,
      Function<Refusal, ? extends RequestRefused> refused) {
    Draft draft =
        steps.request(
            phase,
            requester,
            null,
            check,
            d -> steps.requested(phase, requester).details(d.details()).build(),
            refused);
    String campaignId = requester.processInstanceId();
    campaigns.insert(
        campaignId,
        kind,
        requester.user(),
        clock.instant(),
        entries.request(phase, campaignId).orElseThrow().seq(),
        draft.refused(),
        draft.aliases());
    return new Requested(
        draft.details().items().size(), draft.refused(), draft.skipped(), draft.preview());
  }

  /** The key aliases that an open campaign of this kind already works on. */
  Set<String> inOpenCampaigns(CampaignKind kind) {
    return campaigns.aliasesInOpenCampaigns(kind);
  }

  /**
   * The authority of one per-key step: the campaign's request entry for the item and the approvals
   * covering it, as the ledger shows them; otherwise an alert and an incident, and nothing is done.
   *
   * @param step the step in words, e.g. "destroy the key version"
   */
  CampaignApproval approval(
      ApprovalPhase phase,
      String campaignId,
      String item,
      int requiredApprovals,
      String step,
      String processInstanceId) {
    return guard.requireCampaignItem(
        phase, campaignId, item, requiredApprovals, step, processInstanceId);
  }

  /**
   * How many items of every state are open in any campaign (failures outlive their campaign until
   * the key's incident is resolved): for the operations gauge.
   */
  public java.util.Map<ItemState, Long> openItemCounts() {
    return campaigns.openItemCounts();
  }

  /**
   * The next items to start, at most {@code limit}. The first call checks the approvals in the
   * ledger (a campaign moved past its approval task is stopped here: {@code
   * APPROVAL_BYPASS_DETECTED} and an incident) and marks the excluded items.
   */
  @Transactional
  public List<String> nextBatch(
      ApprovalPhase phase, String campaignId, int requiredApprovals, int limit) {
    Campaign campaign =
        campaigns
            .find(campaignId)
            .orElseThrow(() -> new IllegalStateException("No campaign " + campaignId));
    if (campaign.state() == CampaignState.AWAITING_APPROVAL) {
      guard.requireApprovals(
          phase, campaignId, requiredApprovals, "start the campaign's per-key steps");
      var request = entries.request(phase, campaignId).orElseThrow();
      Map<String, String> excluded = new LinkedHashMap<>();
      for (var approval : entries.approvals(phase, campaignId, request)) {
        approval
            .exclusions()
            .forEach(
                (item, reason) ->
                    excluded.putIfAbsent(
                        item,
                        "Excluded by "
                            + approval.officer()
                            + " (ledger sequence "
                            + approval.seq()
                            + "): "
                            + reason));
      }
      campaigns.exclude(campaignId, excluded);
      campaigns.decided(campaignId, CampaignState.RUNNING, clock.instant());
    }
    return campaigns.pending(campaignId, limit);
  }

  /** How many items still wait to be started. */
  public int pendingCount(String campaignId) {
    return campaigns.pending(campaignId, Integer.MAX_VALUE).size();
  }

  public void started(String campaignId, String item, String processInstanceId) {
    campaigns.started(campaignId, item, processInstanceId);
  }

  /** The officers rejected the campaign: nothing of it runs. */
  public void rejected(String campaignId) {
    campaigns.decided(campaignId, CampaignState.REJECTED, clock.instant());
  }

  /**
   * Counts the campaign's keys, marking FAILED those whose per-key instance has an incident now
   * (and RUNNING again those whose incident was resolved); when none remains the campaign is
   * FINISHED.
   *
   * @param failedInstances per-key instances of this campaign that have an open incident
   */
  @Transactional
  public CampaignProgress progress(String campaignId, Set<String> failedInstances) {
    for (CampaignItem item : campaigns.itemsOf(campaignId)) {
      boolean failed =
          item.processInstanceId() != null && failedInstances.contains(item.processInstanceId());
      if (item.state() == ItemState.RUNNING && failed) {
        campaigns.mark(
            campaignId,
            item.item(),
            ItemState.FAILED,
            "Its instance " + item.processInstanceId() + " has an incident: see Cockpit");
      } else if (item.state() == ItemState.FAILED && !failed) {
        campaigns.mark(campaignId, item.item(), ItemState.RUNNING, null);
      }
    }
    CampaignProgress progress = campaigns.progress(campaignId);
    if (progress.remaining() == 0) {
      campaigns.finished(campaignId, clock.instant());
    }
    return progress;
  }

  /**
   * Refuses a per-key instance the campaign did not start itself (e.g. one started by hand for a
   * key the approval covers), so that no key is rotated or destroyed by two instances at once.
   *
   * @throws Refusal CONFLICT naming the campaign's own instance
   */
  void requireStartedByCampaign(String campaignId, String item, String processInstanceId) {
    String own = campaigns.instanceOf(campaignId, item).orElse(null);
    if (!processInstanceId.equals(own)) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "Instance "
              + processInstanceId
              + " was not started by campaign "
              + campaignId
              + " for '"
              + item
              + "'"
              + (own == null ? "" : "; the campaign runs it in instance " + own)
              + ". Nothing was done; cancel this instance");
    }
  }

  /** Records one key as done, in the transaction that recorded its rotation or destruction. */
  void done(String campaignId, String item, String note) {
    campaigns.mark(campaignId, item, ItemState.DONE, note);
  }
}
