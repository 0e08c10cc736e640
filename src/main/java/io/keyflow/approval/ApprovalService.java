package io.keyflow.approval;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.OfficerDecision;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Writes each officer decision to the ledger, in the transaction that completes the task. */
@Service
public class ApprovalService {

  private final Ledger ledger;

  ApprovalService(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * The officers who approved within this process instance so far, in order, as the ledger records
   * them.
   */
  public List<String> approversSoFar(String processInstanceId) {
    return ledger.entriesForProcessInstance(processInstanceId).stream()
        .filter(entry -> ApprovalPhase.isApproval(entry.kind()))
        .map(LedgerEntry::actor)
        .toList();
  }

  /**
   * Who made the request this process instance decides on, as its request entry ({@code
   * *_REQUESTED}, or {@code KEY_COMPROMISE_REPORTED}) records it. Empty when the process wrote no
   * such entry.
   *
   * <p>The four-eyes check reads the requester from here rather than from the {@code requestedBy}
   * variable: variables submitted with a task completion are set before the completion is checked,
   * so an officer could otherwise overwrite {@code requestedBy} and approve their own request.
   */
  public Optional<String> requesterOf(String processInstanceId) {
    return ledger.entriesForProcessInstance(processInstanceId).stream()
        .filter(entry -> ApprovalPhase.isRequest(entry.kind()))
        .map(LedgerEntry::actor)
        .findFirst();
  }

  /**
   * Records a decision.
   *
   * @param alias the key alias (business key)
   */
  public void record(
      ApprovalPhase phase,
      String alias,
      String taskName,
      Decision decision,
      String requestedBy,
      String processInstanceId) {
    record(phase, alias, decision, processInstanceId, details(taskName, requestedBy, decision));
  }

  /**
   * Records a decision with the details given, e.g. a campaign approval with the keys it excludes
   * ({@link OfficerDecision#ofCampaign}).
   */
  public void record(
      ApprovalPhase phase,
      String alias,
      Decision decision,
      String processInstanceId,
      OfficerDecision details) {
    LedgerAction action = phase.decision(decision.approved());
    ledger.append(
        new LedgerEvent(
            decision.officer(), action, null, alias, null, null, processInstanceId, details));
  }

  /** What the ledger records of a decision on a request; an empty comment is left out. */
  public static OfficerDecision details(String taskName, String requestedBy, Decision decision) {
    return OfficerDecision.of(
        taskName,
        requestedBy,
        decision.approvers(),
        decision.comment().isEmpty() ? null : decision.comment());
  }
}
