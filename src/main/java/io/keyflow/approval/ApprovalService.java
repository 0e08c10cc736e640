package io.keyflow.approval;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        .filter(entry -> ApprovalPhase.isApproval(entry.action()))
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
        .filter(entry -> ApprovalPhase.isRequest(entry.action()))
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
    record(phase, alias, taskName, decision, requestedBy, processInstanceId, Map.of());
  }

  /** Records a decision with more details, e.g. the keys a campaign approval excludes. */
  public void record(
      ApprovalPhase phase,
      String alias,
      String taskName,
      Decision decision,
      String requestedBy,
      String processInstanceId,
      Map<String, ?> more) {
    LedgerAction action = phase.decision(decision.approved());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", taskName);
    details.put("requestedBy", requestedBy);
    details.put("approvers", decision.approvers());
    if (!decision.comment().isEmpty()) {
      details.put("comment", decision.comment());
    }
    details.putAll(more);
    ledger.append(
        new LedgerEvent(
            decision.officer(), action, null, alias, null, null, processInstanceId, details));
  }
}
