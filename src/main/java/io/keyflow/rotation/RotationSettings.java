package io.keyflow.rotation;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rotation timing, from {@code keyflow.rotation.*}; referenced from the BPMN as {@code
 * ${keyflowRotation.…}}. A setting out of range stops start-up with a sentence naming it.
 */
@Component("keyflowRotation")
public class RotationSettings {

  private final Duration leadTime;
  private final Duration approvalEscalation;
  private final String sweepCycle;
  private final Clock clock;

  RotationSettings(
      @Value("${keyflow.rotation.lead-time:30d}") Duration leadTime,
      @Value("${keyflow.rotation.approval-escalation:7d}") Duration approvalEscalation,
      @Value("${keyflow.rotation.sweep-cycle:R/P1D}") String sweepCycle,
      Clock clock) {
    if (leadTime.isNegative() || leadTime.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalStateException(
          "keyflow.rotation.lead-time must be between 0 and 365 days; it is "
              + leadTime.toDays()
              + " days");
    }
    if (approvalEscalation.isNegative() || approvalEscalation.isZero()) {
      throw new IllegalStateException(
          "keyflow.rotation.approval-escalation must be positive, e.g. 7d");
    }
    if (sweepCycle == null || sweepCycle.isBlank()) {
      throw new IllegalStateException(
          "keyflow.rotation.sweep-cycle must be an ISO-8601 cycle or cron expression, e.g. R/P1D");
    }
    this.leadTime = leadTime;
    this.approvalEscalation = approvalEscalation;
    this.sweepCycle = sweepCycle.strip();
    this.clock = clock;
  }

  /** How long before a primary version's protect-stop the sweep starts its rotation. */
  public Duration leadTime() {
    return leadTime;
  }

  /**
   * For the approval task's timer: how long it may wait before the officers are reminded
   * (ISO-8601).
   */
  public String getApprovalEscalation() {
    return approvalEscalation.toString();
  }

  /** For the approval task: its due date in Tasklist, when created now. */
  public Date getApprovalDueDate() {
    return Date.from(clock.instant().plus(approvalEscalation));
  }

  /** For the sweep's timer start event (evaluated when the BPMN is deployed). */
  public String getSweepCycle() {
    return sweepCycle;
  }
}
