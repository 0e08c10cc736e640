package io.keyflow.access;

import io.keyflow.engine.StartVariables;

/** Process key and element ids of {@code processes/AccessReviewSchedule.bpmn}. */
public final class AccessReviewScheduleProcess {

  public static final String PROCESS_KEY = "AccessReviewSchedule";

  /** Timer: every {@code keyflow.access.review-cycle}. */
  public static final String START_DUE = "StartEvent_ReviewDue";

  public static final String CALL_REVIEW = "CallActivity_ReviewAccess";
  public static final String END_DONE = "EndEvent_ScheduledReviewDone";

  /** Started by its timer only. */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private AccessReviewScheduleProcess() {}
}
