package io.keyflow.compliance;

import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.details.OfficerDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 8: no approval or rejection by the person who requested it, and every deciding officer is in the
 * officer group. A compromise confirmation or dismissal is such a decision on its report. The
 * requester is read from the instance's {@code *_REQUESTED} (or compromise report) entry, as the
 * four-eyes check itself does. Group membership is checked as it is now: the ledger records
 * decisions, not membership changes, so a member removed since is reported as not in the group.
 */
final class SeparationOfDutiesRule implements ControlRule {

  /** The first request entry of each process instance. */
  private final Map<String, Request> requests = new HashMap<>();

  private final List<Decision> decisions = new ArrayList<>();

  private record Request(long seq, String actor) {}

  private record Decision(
      long seq,
      String officer,
      String processInstanceId,
      String keyAlias,
      LedgerAction kind,
      String requestedBy) {}

  @Override
  public void read(LedgerFact fact) {
    LedgerAction kind = fact.kind();
    String pid = fact.entry().processInstanceId();
    if (kind == null) {
      return;
    }
    if (kind.isRequest() && pid != null) {
      requests.putIfAbsent(pid, new Request(fact.seq(), fact.entry().actor()));
    }
    if (kind.isDecision()) {
      decisions.add(
          new Decision(
              fact.seq(),
              fact.entry().actor(),
              pid,
              fact.entry().keyAlias(),
              kind,
              fact.details(OfficerDecision.class).requestedBy()));
    }
  }

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    List<ControlFinding> findings = new ArrayList<>();
    for (Decision decision : decisions) {
      String officer = decision.officer();
      Request request =
          decision.processInstanceId() == null ? null : requests.get(decision.processInstanceId());
      String requester = request != null ? request.actor() : decision.requestedBy();
      List<Long> seqs =
          request == null ? List.of(decision.seq()) : List.of(request.seq(), decision.seq());
      String subject =
          (decision.keyAlias() != null
                  ? decision.keyAlias()
                  : "campaign " + decision.processInstanceId())
              + " "
              + decision.kind().name().toLowerCase().replace('_', ' ');
      List<String> broken = new ArrayList<>();
      if (officer.equals(requester)) {
        broken.add(officer + " decided on their own request");
      }
      if (!snapshot.officers().contains(officer)) {
        broken.add(officer + " is not in the security-officer group");
      }
      findings.add(
          broken.isEmpty()
              ? ControlFinding.pass(
                  subject, "requested by " + requester + ", decided by officer " + officer, seqs)
              : ControlFinding.fail(subject, String.join("; ", broken), seqs));
    }
    return ControlResult.of(
        Control.APPROVAL,
        findings,
        Texts.count(findings.size(), "decision") + ", none by the requester, all by officers");
  }
}
