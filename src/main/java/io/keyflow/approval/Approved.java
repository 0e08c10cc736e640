package io.keyflow.approval;

import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.LedgerDetails;
import java.util.List;
import java.util.UUID;

/**
 * A request the ledger shows approved: its {@code *_REQUESTED} entry and the approval entries after
 * it by officers other than the requester, as {@link PhaseSteps#approved} found them.
 */
public record Approved(LedgerEntry request, List<LedgerEntry> approvals) {

  public Approved {
    approvals = List.copyOf(approvals);
  }

  /** The request's details as its phase recorded them. */
  public <T extends LedgerDetails> T details(Class<T> type) {
    return request.details(type);
  }

  public String requestedBy() {
    return request.actor();
  }

  /** The approving officers, each once, in the order they approved. */
  public List<String> approvers() {
    return approvals.stream().map(LedgerEntry::actor).distinct().toList();
  }

  /** The approvers as the inventory keeps them: comma-separated. */
  public String approvedBy() {
    return String.join(",", approvers());
  }

  public long requestSeq() {
    return request.seq();
  }

  public List<Long> approvalSeqs() {
    return approvals.stream().map(LedgerEntry::seq).toList();
  }

  /** The key the request is about. */
  public UUID keyId() {
    return UUID.fromString(request.keyId());
  }

  /** The key version the request is about (for a generation, the one to make). */
  public UUID versionId() {
    return UUID.fromString(request.versionId());
  }
}
