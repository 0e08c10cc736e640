package io.keyflow.approval;

import io.keyflow.shared.Refused;

/** An officer's decision that the rules do not accept; nothing is recorded. */
public class ApprovalRefusal extends Refused {

  /** FORBIDDEN: the person may not decide; INVALID: the decision itself is incomplete. */
  public enum Kind {
    FORBIDDEN,
    INVALID
  }

  public ApprovalRefusal(Kind kind, String message) {
    super(kind, message);
  }

  public Kind kind() {
    return (Kind) reason();
  }
}
