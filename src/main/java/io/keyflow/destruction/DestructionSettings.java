package io.keyflow.destruction;

import io.keyflow.approval.ApprovalService;
import io.keyflow.destruction.camunda.CountDestructionApprovalsListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Destruction's dual control and schedule, from {@code keyflow.destruction.*}; referenced from the
 * BPMN as {@code ${keyflowDestruction.…}}.
 */
@Component("keyflowDestruction")
public class DestructionSettings {

  /** The process has two approval tasks, so at most two approvals can be required. */
  static final int MAX_APPROVALS = 2;

  private final int requiredApprovals;
  private final String sweepCycle;
  private final ApprovalService approvals;

  DestructionSettings(
      @Value("${keyflow.destruction.required-approvals:2}") int requiredApprovals,
      @Value("${keyflow.destruction.sweep-cycle:R/P1D}") String sweepCycle,
      ApprovalService approvals) {
    if (requiredApprovals < 1 || requiredApprovals > MAX_APPROVALS) {
      throw new IllegalStateException(
          "keyflow.destruction.required-approvals must be 1 or 2 (dual control, the default, is 2;"
              + " a destruction always needs at least one officer's approval); it is "
              + requiredApprovals);
    }
    if (sweepCycle == null || sweepCycle.isBlank()) {
      throw new IllegalStateException(
          "keyflow.destruction.sweep-cycle must be an ISO-8601 cycle or cron expression, e.g. R/P1D");
    }
    this.requiredApprovals = requiredApprovals;
    this.sweepCycle = sweepCycle.strip();
    this.approvals = approvals;
  }

  /** How many different officers must approve a destruction. */
  public int getRequiredApprovals() {
    return requiredApprovals;
  }

  /** For the sweep's timer start event (evaluated when the BPMN is deployed). */
  public String getSweepCycle() {
    return sweepCycle;
  }

  /**
   * Whether the destruction has all the approvals it needs, counted from the ledger (never from a
   * variable a task completion could have overwritten). Set as {@code approvalsComplete} for the
   * gateway by {@link CountDestructionApprovalsListener}; instances of the first KeyDestruction
   * version still call it from the gateway's condition.
   */
  public boolean approvalsComplete(String processInstanceId) {
    return approvals.approversSoFar(processInstanceId).stream().distinct().count()
        >= requiredApprovals;
  }
}
