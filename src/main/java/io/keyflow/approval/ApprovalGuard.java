package io.keyflow.approval;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.ApprovalBypassDetected;
import io.keyflow.ledger.details.CampaignItem;
import io.keyflow.ledger.details.CampaignReference;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The check every HSM step (generate, generate a rotation's new version, wrap, destroy) makes
 * before it acts: the ledger must show, for this very request, the approvals its phase requires —
 * entries {@code <PHASE>_APPROVED} of the same process instance, after its {@code
 * <PHASE>_REQUESTED} entry, from enough different officers, none of them the requester.
 *
 * <p>Why here and not only at the approval task: an administrator bypasses the engine's
 * authorizations and can move an instance past its approval task (a process-instance modification
 * that skips listeners). The ledger cannot be rewritten that way without the verifier noticing, so
 * it is what the step trusts. A missing approval is not a transient fault: the step records {@link
 * LedgerAction#APPROVAL_BYPASS_DETECTED} in a transaction of its own (the step's transaction rolls
 * back) and throws {@link ApprovalMissing}, which the engine turns into an incident with no retry.
 */
@Component
public class ApprovalGuard {

  static final String ACTOR = "system:approval-guard";

  private static final Logger log = LoggerFactory.getLogger(ApprovalGuard.class);

  private final Ledger ledger;
  private final CampaignEntries campaigns;
  private final TransactionTemplate ownTransaction;

  ApprovalGuard(Ledger ledger, CampaignEntries campaigns, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.campaigns = campaigns;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The request of {@code processInstanceId} with its approvals, when the ledger shows {@code
   * required} of them; otherwise records the alert and throws.
   *
   * @param step the HSM step in words, for the alert and the incident, e.g. "wrap the key"
   * @throws ApprovalMissing when the approvals are missing (nothing was done)
   */
  public Approved requireApprovals(
      ApprovalPhase phase, String processInstanceId, int required, String step) {
    LedgerAction requested = phase.requested();
    LedgerAction approvedAction = phase.approved();
    List<LedgerEntry> entries = ledger.entriesForProcessInstance(processInstanceId);
    Optional<LedgerEntry> request = entries.stream().filter(e -> e.is(requested)).findFirst();
    List<LedgerEntry> approvals =
        request
            .map(
                r ->
                    entries.stream()
                        .filter(e -> e.seq() > r.seq() && e.is(approvedAction))
                        .filter(e -> !e.actor().equals(r.actor()))
                        .toList())
            .orElse(List.of());
    List<String> approvers = approvals.stream().map(LedgerEntry::actor).distinct().toList();
    if (request.isPresent() && approvers.size() >= required) {
      return new Approved(request.get(), approvals);
    }
    String message =
        "Refused to "
            + step
            + " in process instance "
            + processInstanceId
            + ": the ledger shows "
            + (request.isEmpty()
                ? "no " + requested + " entry for it"
                : approvers.size()
                    + " of the "
                    + required
                    + " approval(s) by officers other than the requester "
                    + request.get().actor()
                    + " "
                    + approvers)
            + ". Nothing was done. The instance was moved past its approval; cancel it and request again";
    log.error("{}", message);
    ownTransaction.executeWithoutResult(
        status ->
            ledger.append(alert(request, requested, processInstanceId, required, step, approvers)));
    throw new ApprovalMissing(message);
  }

  /**
   * What a campaign's per-key step may act on: the key's item in the campaign's request entry, when
   * the ledger shows {@code required} approvals of the campaign by officers other than the
   * requester and none of them excluded the key. Otherwise records {@code APPROVAL_BYPASS_DETECTED}
   * for the per-key instance and throws, as {@link #requireApprovals} does.
   *
   * @param campaignId the campaign's process instance
   * @param item the key (or {@code alias/vN}) as the request lists it
   * @param processInstanceId the per-key instance about to act
   */
  public CampaignApproval requireCampaignItem(
      ApprovalPhase phase,
      String campaignId,
      String item,
      int required,
      String step,
      String processInstanceId) {
    var request = campaigns.request(phase, campaignId);
    List<CampaignEntries.Approval> approvals =
        request.map(r -> campaigns.approvals(phase, campaignId, r)).orElse(List.of());
    List<String> approvers =
        approvals.stream().map(CampaignEntries.Approval::officer).distinct().toList();
    CampaignItem listed = request.map(r -> r.items().get(item)).orElse(null);
    String excludedBy =
        approvals.stream()
            .filter(a -> a.exclusions().containsKey(item))
            .map(CampaignEntries.Approval::officer)
            .findFirst()
            .orElse(null);
    if (listed != null && approvers.size() >= required && excludedBy == null) {
      return new CampaignApproval(
          campaignId,
          request.get().seq(),
          approvals.stream().map(CampaignEntries.Approval::seq).toList(),
          approvers,
          request.get().requestedBy(),
          listed);
    }
    String why =
        request.isEmpty()
            ? "no " + phase.requested() + " entry for campaign " + campaignId
            : listed == null
                ? "that campaign " + campaignId + " does not list '" + item + "'"
                : excludedBy != null
                    ? "that " + excludedBy + " excluded '" + item + "' from campaign " + campaignId
                    : approvers.size()
                        + " of the "
                        + required
                        + " approval(s) of campaign "
                        + campaignId
                        + " by officers other than the requester "
                        + request.get().requestedBy()
                        + " "
                        + approvers;
    String message =
        "Refused to "
            + step
            + " for '"
            + item
            + "' in process instance "
            + processInstanceId
            + ": the ledger shows "
            + why
            + ". Nothing was done. Only keys of an approved campaign that its approval did not exclude are acted on;"
            + " cancel this instance";
    log.error("{}", message);
    ownTransaction.executeWithoutResult(
        status ->
            ledger.append(
                LedgerEvent.builder(LedgerAction.APPROVAL_BYPASS_DETECTED, ACTOR)
                    .key(
                        listed == null ? null : UUID.fromString(listed.keyId()),
                        item.replaceFirst("/v[0-9]+$", ""))
                    .processInstance(processInstanceId)
                    .details(
                        new ApprovalBypassDetected(
                            step,
                            phase.requested().name(),
                            campaignId,
                            required,
                            approvers,
                            null,
                            excludedBy))
                    .build()));
    throw new ApprovalMissing(message);
  }

  /**
   * A campaign key's authority to act: the campaign's request entry, the approvals covering the
   * key, and the key's item as the request recorded it.
   */
  public record CampaignApproval(
      String campaignId,
      long requestSeq,
      List<Long> approvalSeqs,
      List<String> approvers,
      String requestedBy,
      CampaignItem item) {

    /** The item as the record its campaign's request lists, e.g. a rotation campaign's item. */
    public <I extends CampaignItem> I item(Class<I> type) {
      return type.cast(item);
    }

    /** The campaign entries that authorise the key's step, for its outcome entry to cite. */
    public CampaignReference reference() {
      return new CampaignReference(campaignId, requestSeq, approvalSeqs);
    }
  }

  private static LedgerEvent alert(
      Optional<LedgerEntry> request,
      LedgerAction requested,
      String processInstanceId,
      int required,
      String step,
      List<String> approvers) {
    var builder =
        LedgerEvent.builder(LedgerAction.APPROVAL_BYPASS_DETECTED, ACTOR)
            .processInstance(processInstanceId)
            .details(
                new ApprovalBypassDetected(
                    step,
                    requested.name(),
                    null,
                    required,
                    approvers,
                    request.map(LedgerEntry::actor).orElse(null),
                    null));
    request.ifPresent(
        r -> {
          if (r.keyId() != null) {
            builder.key(UUID.fromString(r.keyId()), r.keyAlias());
          }
          if (r.versionId() != null) {
            builder.version(UUID.fromString(r.versionId()), r.versionNumber());
          }
        });
    return builder.build();
  }
}
