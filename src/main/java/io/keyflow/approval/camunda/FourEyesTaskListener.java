package io.keyflow.approval.camunda;

import static io.keyflow.approval.ApprovalVariables.*;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.ApprovalRefusal;
import io.keyflow.approval.ApprovalRules;
import io.keyflow.approval.ApprovalService;
import io.keyflow.approval.CampaignEntries;
import io.keyflow.approval.CampaignExclusions;
import io.keyflow.approval.Decision;
import io.keyflow.ledger.details.OfficerDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Enforces the four-eyes rules on every approval task, whatever the client (Tasklist, REST, Java).
 * On {@code create} it clears any earlier decision so each task is decided afresh; on {@code
 * complete} it checks who decides and what, sets {@code approvedBy}/{@code rejectedBy} from the
 * authenticated user (never from the form) and writes the decision to the ledger. A refused
 * completion throws {@link ApprovalRefusal}, so the task stays open and nothing is recorded.
 */
@Component("fourEyesListener")
class FourEyesTaskListener implements TaskListener {

  /** The form field of a campaign approval: keys left out, one {@code alias: reason} a line. */
  static final String EXCLUSIONS = "exclusions";

  private final ApprovalService approvals;
  private final CampaignEntries campaigns;

  FourEyesTaskListener(ApprovalService approvals, CampaignEntries campaigns) {
    this.approvals = approvals;
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(APPROVED);
      task.getExecution().removeVariable(COMMENT);
      task.getExecution().removeVariable(EXCLUSIONS);
      return;
    }
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication authentication = identity.getCurrentAuthentication();
    String officer = authentication == null ? null : authentication.getUserId();
    List<String> groups = authentication == null ? List.of() : groupsOf(identity, authentication);
    // Requester and prior approvals come from the ledger, never from variables a client could
    // have submitted with this very completion.
    String requestedBy =
        approvals
            .requesterOf(task.getProcessInstanceId())
            .orElse((String) task.getVariable(REQUESTED_BY));
    Decision decision =
        ApprovalRules.decide(
            officer,
            groups,
            requestedBy,
            approvals.approversSoFar(task.getProcessInstanceId()),
            task.getVariable(APPROVED),
            task.getVariable(COMMENT));
    ApprovalPhase phase = phaseOf(task);
    OfficerDecision details = ApprovalService.details(task.getName(), requestedBy, decision);
    if (phase.isCampaign()) {
      details = campaignDecision(phase, task, decision, details);
    }
    if (decision.approved()) {
      task.setVariable(APPROVED_BY, String.join(",", decision.approvers()));
    } else {
      task.setVariable(REJECTED_BY, decision.officer());
    }
    task.setVariable(COMMENT, decision.comment());
    approvals.record(
        phase,
        task.getExecution().getProcessBusinessKey(),
        decision,
        task.getProcessInstanceId(),
        details);
  }

  /**
   * A campaign approval's exclusions, checked against the keys its request entry lists (a bad line
   * refuses the completion). The submitted text is replaced by a short note: the ledger entry is
   * the record, and a long text would not fit a process variable.
   */
  private OfficerDecision campaignDecision(
      ApprovalPhase phase, DelegateTask task, Decision decision, OfficerDecision details) {
    var request =
        campaigns
            .request(phase, task.getProcessInstanceId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Campaign " + task.getProcessInstanceId() + " has no request entry"));
    Map<String, String> exclusions =
        CampaignExclusions.parse(task.getVariable(EXCLUSIONS), request.items().keySet());
    task.setVariable(
        EXCLUSIONS, exclusions.isEmpty() ? "" : String.join(", ", exclusions.keySet()));
    if (!decision.approved()) {
      return details;
    }
    List<OfficerDecision.Exclusion> listed = new ArrayList<>();
    exclusions.forEach((item, reason) -> listed.add(new OfficerDecision.Exclusion(item, reason)));
    return details.ofCampaign(request.seq(), request.items().size(), listed);
  }

  private static List<String> groupsOf(IdentityService identity, Authentication authentication) {
    if (authentication.getGroupIds() != null && !authentication.getGroupIds().isEmpty()) {
      return authentication.getGroupIds();
    }
    return identity.createGroupQuery().groupMember(authentication.getUserId()).list().stream()
        .map(Group::getId)
        .toList();
  }

  /** The phase of the task's process, e.g. GENERATION for {@code KeyGeneration}. */
  static ApprovalPhase phaseOf(DelegateTask task) {
    String processKey =
        task.getProcessEngineServices()
            .getRepositoryService()
            .getProcessDefinition(task.getProcessDefinitionId())
            .getKey();
    return ApprovalPhase.ofProcess(processKey);
  }
}
