package io.keyflow.campaign.camunda;

import static io.keyflow.campaign.RotationCampaignProcess.*;

import io.keyflow.campaign.CampaignVariables;
import io.keyflow.engine.ProcessSupport;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs when a rotation campaign's approval waits past its deadline (the task stays open): marks the
 * campaign {@code escalated} (visible in Cockpit), raises the task's priority and warns the
 * officers.
 */
@Component
class EscalateCampaignApprovalDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(EscalateCampaignApprovalDelegate.class);

  private final Clock clock;

  EscalateCampaignApprovalDelegate(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant waitingSince =
        ProcessSupport.escalateOpenTasks(
            execution, TASK_APPROVE, ESCALATED_PRIORITY, VAR_ESCALATED, VAR_ESCALATED_AT, clock);
    log.warn(
        "Rotation campaign {} ({} keys) has waited for a security officer's approval since {}: escalated to the"
            + " security-officer group",
        execution.getProcessInstanceId(),
        execution.getVariable(CampaignVariables.KEYS_IN_CAMPAIGN),
        waitingSince);
  }
}
