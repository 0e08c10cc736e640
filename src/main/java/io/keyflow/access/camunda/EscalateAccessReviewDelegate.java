package io.keyflow.access.camunda;

import static io.keyflow.access.AccessReviewProcess.*;

import io.keyflow.access.AccessReviews;
import io.keyflow.engine.ProcessSupport;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs when a review waits past {@code keyflow.access.review-escalation} (the task stays open):
 * marks the instance {@code escalated}, raises the task's priority and warns in the log.
 */
@Component
class EscalateAccessReviewDelegate implements JavaDelegate {

  private final AccessReviews reviews;
  private final Clock clock;

  EscalateAccessReviewDelegate(AccessReviews reviews, Clock clock) {
    this.reviews = reviews;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant waitingSince =
        ProcessSupport.escalateOpenTasks(
            execution, TASK_REVIEW, ESCALATED_PRIORITY, VAR_ESCALATED, VAR_ESCALATED_AT, clock);
    reviews.escalate(execution.getProcessInstanceId(), waitingSince);
  }
}
