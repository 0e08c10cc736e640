package io.keyflow.approval;

/** Variables of every officer approval task, shared by all lifecycle processes and their forms. */
public final class ApprovalVariables {

  /** The officer's decision (form checkbox). */
  public static final String APPROVED = "approved";

  /** The officer's comment; required when rejecting. */
  public static final String COMMENT = "comment";

  /** Set by the server only: the officers who approved, comma-separated, in order. */
  public static final String APPROVED_BY = "approvedBy";

  /** Set by the server only: the officer who rejected. */
  public static final String REJECTED_BY = "rejectedBy";

  /** Set by the process initiator (camunda:initiator) or the starting service. */
  public static final String REQUESTED_BY = "requestedBy";

  private ApprovalVariables() {}
}
