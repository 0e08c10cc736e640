package io.keyflow.compliance;

import io.keyflow.ledger.details.OfficerDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 8: no approval or rejection by the person who requested it, and every deciding officer is in the
 * officer group. A compromise confirmation or dismissal is such a decision on its report. The
 * requester is read from the instance's {@code *_REQUESTED} (or compromise report) entry, as the
 * four-eyes check itself does. Group membership is checked as it is now: the ledger records
 * decisions, not membership changes, so a member removed since is reported as not in the group.
 */
final class SeparationOfDutiesControl implements Control {

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    Map<String, List<LedgerFact>> byInstance = snapshot.byProcessInstance();
    List<ControlFinding> findings = new ArrayList<>();
    for (LedgerFact decision : snapshot.ledger()) {
      if (decision.kind() == null || !decision.kind().isDecision()) {
        continue;
      }
      String officer = decision.entry().actor();
      List<LedgerFact> instance =
          byInstance.getOrDefault(decision.entry().processInstanceId(), List.of());
      LedgerFact request =
          instance.stream()
              .filter(f -> f.kind() != null && f.kind().isRequest())
              .findFirst()
              .orElse(null);
      String requester =
          request != null
              ? request.entry().actor()
              : decision.details(OfficerDecision.class).requestedBy();
      List<Long> seqs =
          request == null ? List.of(decision.seq()) : List.of(request.seq(), decision.seq());
      String subject =
          (decision.entry().keyAlias() != null
                  ? decision.entry().keyAlias()
                  : "campaign " + decision.entry().processInstanceId())
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
        "8",
        "No approval by its requester; every approver in the officer group",
        findings,
        Texts.count(findings.size(), "decision") + ", none by the requester, all by officers");
  }
}
