package io.keyflow.rotation;

import java.time.Clock;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * What KeyRotation.bpmn, RotationCampaign.bpmn and RotationSweep.bpmn read as {@code
 * ${keyflowRotation.…}}: bean properties, as the engine's expression language resolves them, over
 * {@link RotationSettings}.
 */
@Component("keyflowRotation")
public class RotationExpressions {

  private final RotationSettings settings;
  private final Clock clock;

  RotationExpressions(RotationSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * For the approval task's timer: how long it may wait before the officers are reminded
   * (ISO-8601).
   */
  public String getApprovalEscalation() {
    return settings.approvalEscalation().toString();
  }

  /** For the approval task: its due date in Tasklist, when created now. */
  public Date getApprovalDueDate() {
    return Date.from(clock.instant().plus(settings.approvalEscalation()));
  }

  /** For the sweep's timer start event (evaluated when the BPMN is deployed). */
  public String getSweepCycle() {
    return settings.sweepCycle();
  }
}
