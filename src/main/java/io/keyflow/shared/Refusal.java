package io.keyflow.shared;

/**
 * The application-wide refusal: bad input, a policy rule, a forbidden state transition. The message
 * says in words which rule was broken; nothing was changed.
 */
public class Refusal extends Refused {

  /** Why the request was refused, for HTTP status mapping and BPMN error codes. */
  public enum Kind {
    INVALID_REQUEST,
    POLICY_VIOLATED,
    NOT_FOUND,
    CONFLICT,
    STATE_TRANSITION_FORBIDDEN,
    /**
     * The version exists but its state does not allow the requested use (e.g. decrypt after
     * destruction).
     */
    VERSION_NOT_USABLE,
    /** The caller is a known system but holds no live grant for this use of this key (HTTP 403). */
    NOT_GRANTED
  }

  public Refusal(Kind kind, String message) {
    super(kind, message);
  }

  public Kind kind() {
    return (Kind) reason();
  }
}
