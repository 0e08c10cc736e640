package io.keyflow.compromise;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;
import java.util.Map;

/** Process key, element ids and variable names of {@code processes/KeyDecryptException.bpmn}. */
public final class KeyDecryptExceptionProcess {

  public static final String PROCESS_KEY = "KeyDecryptException";

  public static final String START_EVENT = "StartEvent_ExceptionRequested";
  public static final String TASK_CHECK_REQUEST = "Task_CheckExceptionRequest";
  public static final String BOUNDARY_REQUEST_REFUSED = "BoundaryEvent_ExceptionRefused";
  public static final String END_REFUSED = "EndEvent_ExceptionRefused";
  public static final String TASK_APPROVE = "Task_GrantDecryptException";
  public static final String GATEWAY_APPROVED = "Gateway_ExceptionGranted";
  public static final String END_REJECTED = "EndEvent_ExceptionRejected";
  public static final String TASK_OPEN = "Task_OpenDecryptException";

  /** Timer: the exception's end. */
  public static final String EVENT_EXPIRED = "Event_ExceptionTimeUp";

  public static final String TASK_CLOSE = "Task_CloseDecryptException";
  public static final String END_EXPIRED = "EndEvent_ExceptionExpired";
  public static final String ERROR_REFUSED = "Error_ExceptionRefused";

  /** BPMN error code thrown when a request is refused before approval. */
  public static final String ERROR_CODE_REFUSED = "KeyDecryptExceptionRefused";

  public static final String FORM_START = "start-key-decrypt-exception";
  public static final String FORM_APPROVE = "approve-key-decrypt-exception";

  /** Longest exception an officer can grant. */
  public static final int MAX_HOURS = 72;

  // Variables: request fields
  public static final String VAR_ALIAS = "alias";
  public static final String VAR_VERSION = "version";

  /** Must be {@code decrypt}: encryption with a compromised version is never excepted. */
  public static final String VAR_OPERATION = "operation";

  public static final String VAR_HOURS = "hours";
  public static final String VAR_REASON = "reason";
  // Variables set by the server
  public static final String VAR_REQUESTED_BY = "requestedBy";
  public static final String VAR_KEY_ID = "keyId";
  public static final String VAR_VERSION_ID = "versionId";
  public static final String VAR_COMPROMISED_AT = "compromisedAt";
  public static final String VAR_EXPIRES_AT = "expiresAt";
  public static final String VAR_REFUSAL_REASON = "refusalReason";

  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          name(VAR_ALIAS),
          nameOrNumber(VAR_VERSION),
          name(VAR_OPERATION),
          days(VAR_HOURS),
          text(VAR_REASON),
          name(VAR_REQUESTED_BY));

  /** The variables an accepted request shows the approving officer (and Cockpit). */
  public static Map<String, Object> shown(DecryptExceptionRequests.Accepted accepted) {
    return Map.of(
        VAR_ALIAS,
        accepted.key().alias(),
        VAR_KEY_ID,
        accepted.key().id().toString(),
        VAR_VERSION_ID,
        accepted.version().id().toString(),
        VAR_COMPROMISED_AT,
        accepted.version().compromisedAt().toString(),
        VAR_HOURS,
        accepted.hours());
  }

  private KeyDecryptExceptionProcess() {}
}
