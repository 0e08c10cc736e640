package io.keyflow.access;

import org.springframework.stereotype.Component;

/**
 * The access review's timers, referenced from {@code processes/AccessReview.bpmn} as {@code
 * ${keyflowAccess.reviewCycle}} (an endless Camunda cycle, read when the process is deployed) and
 * {@code ${keyflowAccess.reviewEscalation}}.
 */
@Component("keyflowAccess")
public class AccessSchedule {

  private final AccessSettings settings;

  AccessSchedule(AccessSettings settings) {
    this.settings = settings;
  }

  public String getReviewCycle() {
    return "R/" + settings.reviewCycle();
  }

  public String getReviewEscalation() {
    return settings.reviewEscalation().toString();
  }
}
