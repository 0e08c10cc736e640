package io.keyflow.approval;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
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
 * The check every HSM step (generate, generate a rotation's new version, wrap, destroy) makes before
 * it acts: the ledger must show, for this very request, the approvals its phase requires — entries
 * {@code <PHASE>_APPROVED} of the same process instance, after its {@code <PHASE>_REQUESTED} entry,
 * from enough different officers, none of them the requester.
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
  private final TransactionTemplate ownTransaction;

  ApprovalGuard(Ledger ledger, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Returns when the request of {@code processInstanceId} has {@code required} approvals in the
   * ledger; otherwise records the alert and throws.
   *
   * @param step the HSM step in words, for the alert and the incident, e.g. "wrap the key"
   * @throws ApprovalMissing when the approvals are missing (nothing was done)
   */
  public void requireApprovals(ApprovalPhase phase, String processInstanceId, int required, String step) {
    LedgerAction requested = phase.requested();
    LedgerAction approvedAction = phase.approved();
    List<LedgerEntry> entries = ledger.entriesForProcessInstance(processInstanceId);
    Optional<LedgerEntry> request = entries.stream().filter(e -> e.action().equals(requested.name())).findFirst();
    List<String> approvers =
        request.map(r -> entries.stream()
                .filter(e -> e.seq() > r.seq() && e.action().equals(approvedAction.name()))
                .map(LedgerEntry::actor)
                .filter(officer -> !officer.equals(r.actor()))
                .distinct()
                .toList())
            .orElse(List.of());
    if (request.isPresent() && approvers.size() >= required) {
      return;
    }
    String message =
        "Refused to " + step + " in process instance " + processInstanceId + ": the ledger shows "
            + (request.isEmpty()
                ? "no " + requested + " entry for it"
                : approvers.size() + " of the " + required + " approval(s) by officers other than the requester "
                    + request.get().actor() + " " + approvers)
            + ". Nothing was done. The instance was moved past its approval; cancel it and request again";
    log.error("{}", message);
    ownTransaction.executeWithoutResult(status -> ledger.append(alert(request, requested, processInstanceId, required, step, approvers)));
    throw new ApprovalMissing(message);
  }

  private static LedgerEvent alert(
      Optional<LedgerEntry> request, LedgerAction requested, String processInstanceId, int required, String step,
      List<String> approvers) {
    var builder =
        LedgerEvent.builder(LedgerAction.APPROVAL_BYPASS_DETECTED, ACTOR)
            .processInstance(processInstanceId)
            .detail("step", step)
            .detail("request", requested.name())
            .detail("requiredApprovals", required)
            .detail("approvers", approvers);
    request.ifPresent(r -> {
      builder.detail("requestedBy", r.actor());
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
