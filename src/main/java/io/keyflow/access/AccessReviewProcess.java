package io.keyflow.access;

import io.keyflow.engine.StartVariables;

/** Process key, element ids and variable names of {@code processes/AccessReview.bpmn}. */
public final class AccessReviewProcess {

  public static final String PROCESS_KEY = "AccessReview";

  /**
   * Started by {@code AccessReviewSchedule} every {@code keyflow.access.review-cycle}, and on
   * demand ({@code POST /api/access/reviews}).
   */
  public static final String START_REQUESTED = "StartEvent_ReviewRequested";

  public static final String TASK_OPEN = "Task_OpenAccessReview";

  public static final String TASK_REVIEW = "Task_ReviewAccess";
  public static final String BOUNDARY_OVERDUE = "BoundaryEvent_ReviewOverdue";
  public static final String TASK_ESCALATE = "Task_EscalateOverdueReview";
  public static final String END_ESCALATED = "EndEvent_ReviewEscalated";
  public static final String END_COMPLETED = "EndEvent_ReviewCompleted";

  public static final String FORM_REVIEW = "review-key-access";

  /** Priority of an escalated review task (Tasklist sorts by it). */
  public static final int ESCALATED_PRIORITY = 100;

  // Variables set by the server
  public static final String VAR_REVIEW_ID = "reviewId";
  public static final String VAR_GRANT_COUNT = "grantCount";
  public static final String VAR_GRANTS = "grants";
  public static final String VAR_EXCEPTIONS = "exceptions";
  public static final String VAR_ESCALATED = "escalated";
  public static final String VAR_ESCALATED_AT = "escalatedAt";

  // Variables the officer fills in
  /** Grants to revoke, one line each: {@code system / key-or-group: reason}. */
  public static final String VAR_REVOCATIONS = "revocations";

  public static final String VAR_COMMENT = "comment";

  /** Started by its schedule or by the REST endpoint, never with variables. */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private AccessReviewProcess() {}
}
