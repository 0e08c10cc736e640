package io.keyflow.approval;

import io.keyflow.shared.Refusal;

/**
 * Who asks for a lifecycle action, in which process instance: the authenticated user of the command
 * that starts it (never a variable the caller could set), or null when there is none.
 *
 * @param user the authenticated user id, or null
 * @param processInstanceId the instance the request belongs to
 */
public record Requester(String user, String processInstanceId) {

  /** What a refusal entry names as its actor when nobody was authenticated. */
  public static final String ANONYMOUS = "anonymous";

  /**
   * The user, for a request that must have one.
   *
   * @throws Refusal INVALID_REQUEST when nobody is authenticated
   */
  public String authenticated() {
    if (user == null || user.isBlank()) {
      throw new Refusal(Refusal.Kind.INVALID_REQUEST, "The request has no authenticated requester");
    }
    return user;
  }

  /** The actor of a ledger entry about this request: the user, or {@value #ANONYMOUS}. */
  public String forLedger() {
    return user == null || user.isBlank() ? ANONYMOUS : user;
  }
}
