package io.keyflow.approval;

import static io.keyflow.approval.ApprovalVariables.*;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Enforces the four-eyes rules on every approval task, whatever the client (Tasklist, REST, Java).
 * On {@code create} it clears any earlier decision so each task is decided afresh; on
 * {@code complete} it checks who decides and what, sets {@code approvedBy}/{@code rejectedBy} from
 * the authenticated user (never from the form) and writes the decision to the ledger. A refused
 * completion throws {@link ApprovalRefusal}, so the task stays open and nothing is recorded.
 */
@Component("fourEyesListener")
class FourEyesTaskListener implements TaskListener {

  private final ApprovalService approvals;

  FourEyesTaskListener(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(APPROVED);
      task.getExecution().removeVariable(COMMENT);
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
        approvals.requesterOf(task.getProcessInstanceId()).orElse((String) task.getVariable(REQUESTED_BY));
    Decision decision =
        ApprovalRules.decide(
            officer,
            groups,
            requestedBy,
            approvals.approversSoFar(task.getProcessInstanceId()),
            task.getVariable(APPROVED),
            task.getVariable(COMMENT));
    if (decision.approved()) {
      task.setVariable(APPROVED_BY, String.join(",", decision.approvers()));
    } else {
      task.setVariable(REJECTED_BY, decision.officer());
    }
    task.setVariable(COMMENT, decision.comment());
    approvals.record(
        phaseOf(task),
        task.getExecution().getProcessBusinessKey(),
        task.getName(),
        decision,
        requestedBy,
        task.getProcessInstanceId());
  }

  private static List<String> groupsOf(IdentityService identity, Authentication authentication) {
    if (authentication.getGroupIds() != null && !authentication.getGroupIds().isEmpty()) {
      return authentication.getGroupIds();
    }
    return identity.createGroupQuery().groupMember(authentication.getUserId()).list().stream().map(Group::getId).toList();
  }

  /** The phase of the task's process, e.g. GENERATION for {@code KeyGeneration}. */
  static ApprovalPhase phaseOf(DelegateTask task) {
    String processKey =
        task.getProcessEngineServices().getRepositoryService()
            .getProcessDefinition(task.getProcessDefinitionId()).getKey();
    return ApprovalPhase.ofProcess(processKey);
  }
}
