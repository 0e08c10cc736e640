package io.keyflow.destruction;

import io.keyflow.approval.ApprovalService;
import org.springframework.stereotype.Component;

/**
 * What KeyDestruction.bpmn, DestructionCampaign.bpmn and DestructionSweep.bpmn read as {@code
 * ${keyflowDestruction.…}}, over {@link DestructionSettings}.
 */
@Component("keyflowDestruction")
public class DestructionExpressions {

  private final DestructionSettings settings;
  private final ApprovalService approvals;

  DestructionExpressions(DestructionSettings settings, ApprovalService approvals) {
    this.settings = settings;
    this.approvals = approvals;
  }

  /** For the sweep's timer start event (evaluated when the BPMN is deployed). */
  public String getSweepCycle() {
    return settings.sweepCycle();
  }

  /**
   * Whether the destruction has all the approvals it needs, counted from the ledger (never from a
   * variable a task completion could have overwritten). Set as {@code approvalsComplete} for the
   * gateway by {@link CountDestructionApprovalsListener}; instances of the first KeyDestruction
   * version still call it from the gateway's condition.
   */
  public boolean approvalsComplete(String processInstanceId) {
    return approvals.approversSoFar(processInstanceId).stream().distinct().count()
        >= settings.requiredApprovals();
  }
}
