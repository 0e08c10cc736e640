package io.keyflow.approval;

/** An officer's decision that the rules do not accept; nothing is recorded. */
public class ApprovalRefusal extends RuntimeException {

  /** FORBIDDEN: the person may not decide; INVALID: the decision itself is incomplete. */
  public enum Kind {
    FORBIDDEN,
    INVALID
  }

  private final Kind kind;

  public ApprovalRefusal(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
