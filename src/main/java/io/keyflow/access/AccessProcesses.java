package io.keyflow.access;

import java.util.Map;

/**
 * Starts the access processes for the REST API, as the authenticated caller (implemented in {@code
 * access.camunda}, so the rest of the module stays free of the engine).
 */
public interface AccessProcesses {

  /**
   * A started instance: its id, and the reason its request was refused (null when accepted).
   *
   * @param variables the variables it holds after its start (the shown facts of an accepted
   *     request)
   */
  record Started(String processInstanceId, String refusalReason, Map<String, Object> variables) {}

  /** Starts a KeyAccessGrant with the request's variables (checked by the engine's start guard). */
  Started requestGrant(Map<String, Object> variables);

  /** Starts an access review now. */
  Started startReview();
}
