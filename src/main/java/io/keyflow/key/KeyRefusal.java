package io.keyflow.key;

/**
 * A request Keyflow refuses for a business reason: bad input, a policy rule, a forbidden state
 * transition. The message says in words which rule was broken; nothing was changed.
 */
public class KeyRefusal extends RuntimeException {

  /** Why the request was refused, for HTTP status mapping and BPMN error codes. */
  public enum Kind {
    INVALID_REQUEST,
    POLICY_VIOLATED,
    NOT_FOUND,
    CONFLICT,
    STATE_TRANSITION_FORBIDDEN,
    /** The version exists but its state does not allow the requested use (e.g. decrypt after destruction). */
    VERSION_NOT_USABLE
  }

  private final Kind kind;

  public KeyRefusal(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
