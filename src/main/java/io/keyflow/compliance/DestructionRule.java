package io.keyflow.compliance;

import io.keyflow.key.KeyState;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.details.KeyDestroyed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 4.5: every destruction came after the version's retention ended, with two distinct officers
 * approving, neither of them the requester. A COMPROMISED version is destroyed as soon as it is
 * approved, without waiting for its retention; the two approvers still apply.
 */
final class DestructionRule implements ControlRule {

  private static final int REQUIRED_APPROVERS = 2;

  /** The requests and approvals a destruction cites, of a key's or a campaign's instance. */
  private static final Set<LedgerAction> CITED =
      EnumSet.of(
          LedgerAction.KEY_DESTRUCTION_REQUESTED,
          LedgerAction.KEY_DESTRUCTION_APPROVED,
          LedgerAction.DESTRUCTION_CAMPAIGN_REQUESTED,
          LedgerAction.DESTRUCTION_CAMPAIGN_APPROVED);

  private final Map<String, List<LedgerFact>> byInstance = new HashMap<>();
  private final List<LedgerFact> destructions = new ArrayList<>();

  @Override
  public void read(LedgerFact fact) {
    if (fact.is(LedgerAction.KEY_DESTROYED)) {
      destructions.add(fact);
    } else if (fact.kind() != null
        && CITED.contains(fact.kind())
        && fact.entry().processInstanceId() != null) {
      byInstance
          .computeIfAbsent(fact.entry().processInstanceId(), id -> new ArrayList<>())
          .add(fact);
    }
  }

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    List<ControlFinding> findings = new ArrayList<>();
    for (LedgerFact destroyed : destructions) {
      KeyDestroyed details = destroyed.details(KeyDestroyed.class);
      // A campaign's version: the request and the approvals are the campaign's entries.
      String campaign = details.campaign();
      LedgerAction requestAction =
          campaign == null
              ? LedgerAction.KEY_DESTRUCTION_REQUESTED
              : LedgerAction.DESTRUCTION_CAMPAIGN_REQUESTED;
      LedgerAction approvalAction =
          campaign == null
              ? LedgerAction.KEY_DESTRUCTION_APPROVED
              : LedgerAction.DESTRUCTION_CAMPAIGN_APPROVED;
      String pid = campaign == null ? destroyed.entry().processInstanceId() : campaign;
      List<LedgerFact> instance = pid == null ? List.of() : byInstance.getOrDefault(pid, List.of());
      String requester =
          instance.stream()
              .filter(f -> f.is(requestAction))
              .map(f -> f.entry().actor())
              .findFirst()
              .orElse(details.requestedBy());
      List<LedgerFact> approvals = instance.stream().filter(f -> f.is(approvalAction)).toList();
      Set<String> approvers = new LinkedHashSet<>();
      approvals.forEach(a -> approvers.add(a.entry().actor()));
      List<Long> seqs = new ArrayList<>();
      instance.stream().filter(f -> f.is(requestAction)).forEach(f -> seqs.add(f.seq()));
      approvals.forEach(a -> seqs.add(a.seq()));
      seqs.add(destroyed.seq());
      List<String> broken = new ArrayList<>();
      Instant retainUntil = details.retainUntil();
      Instant at =
          details.destroyedAt() != null ? details.destroyedAt() : destroyed.entry().recordedAt();
      boolean compromised = KeyState.COMPROMISED.name().equals(details.previousState());
      if (retainUntil != null && at.isBefore(retainUntil) && !compromised) {
        broken.add(
            "destroyed on "
                + Texts.time(at)
                + ", before its retention ended on "
                + Texts.time(retainUntil));
      }
      if (approvers.size() < REQUIRED_APPROVERS) {
        broken.add(
            "approved by "
                + approvers.size()
                + " distinct officer(s) "
                + approvers
                + ", not "
                + REQUIRED_APPROVERS);
      }
      if (requester != null && approvers.contains(requester)) {
        broken.add("approved by its requester " + requester);
      }
      String subject = destroyed.entry().keyAlias() + " v" + destroyed.entry().versionNumber();
      findings.add(
          broken.isEmpty()
              ? ControlFinding.pass(
                  subject,
                  "destroyed on "
                      + Texts.time(at)
                      + (compromised
                          ? " as a compromised version (no retention applies)"
                          : " after retention (" + Texts.time(retainUntil) + ")")
                      + "; requested by "
                      + requester
                      + ", approved by "
                      + String.join(" and ", approvers),
                  seqs)
              : ControlFinding.fail(subject, String.join("; ", broken), seqs));
    }
    return ControlResult.of(
        Control.DESTRUCTION,
        findings,
        Texts.count(findings.size(), "destruction")
            + ", each after retention with two distinct approvers");
  }
}
