package io.keyflow.access;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;
import java.util.LinkedHashMap;
import java.util.Map;

/** Process key, element ids and variable names of {@code processes/KeyAccessGrant.bpmn}. */
public final class KeyAccessGrantProcess {

  public static final String PROCESS_KEY = "KeyAccessGrant";

  public static final String START_EVENT = "StartEvent_GrantRequested";
  public static final String TASK_CHECK_REQUEST = "Task_CheckGrantRequest";
  public static final String BOUNDARY_REQUEST_REFUSED = "BoundaryEvent_GrantRefused";
  public static final String END_REFUSED = "EndEvent_GrantRefused";
  public static final String TASK_APPROVE = "Task_ApproveKeyAccess";
  public static final String GATEWAY_APPROVED = "Gateway_GrantApproved";
  public static final String TASK_CLOSE_REJECTED = "Task_CloseRejectedGrant";
  public static final String END_REJECTED = "EndEvent_GrantRejected";
  public static final String TASK_ACTIVATE = "Task_ActivateGrant";
  public static final String BOUNDARY_ACTIVATION_REFUSED = "BoundaryEvent_ActivationRefused";
  public static final String END_ACTIVATION_REFUSED = "EndEvent_ActivationRefused";
  public static final String TASK_ACTIVE = "Task_GrantActive";
  public static final String BOUNDARY_EXPIRED = "BoundaryEvent_GrantExpired";
  public static final String TASK_EXPIRE = "Task_ExpireGrant";
  public static final String END_EXPIRED = "EndEvent_GrantExpired";
  public static final String END_ENDED = "EndEvent_GrantEnded";
  public static final String ERROR_REFUSED = "Error_GrantRefused";

  /** BPMN error code of a request refused by its checks (at the request or at activation). */
  public static final String ERROR_CODE_REFUSED = "KeyAccessGrantRefused";

  /** The message a revocation (or the end of the system or key) correlates, by process instance. */
  public static final String MESSAGE_ENDED = "KeyAccessGrantEnded";

  public static final String FORM_START = "start-key-access-grant";
  public static final String FORM_APPROVE = "approve-key-access-grant";

  // Variables: the request (start form, REST)
  public static final String VAR_SYSTEM = "system";
  public static final String VAR_ALIAS = "alias";
  public static final String VAR_KEY_GROUP = "keyGroup";
  public static final String VAR_OPERATIONS = "operations";
  public static final String VAR_DURATION = "duration";
  public static final String VAR_JUSTIFICATION = "justification";
  public static final String VAR_CREATE_ALLOWANCE = "createAllowance";
  public static final String VAR_CREATE_PURPOSE = "createPurpose";
  public static final String VAR_REQUESTED_BY = "requestedBy";
  // Variables set by the server: facts for the officer, never read back by a later step
  public static final String VAR_GRANT_ID = "grantId";
  public static final String VAR_TARGET = "target";
  public static final String VAR_ENVIRONMENT = "environment";
  public static final String VAR_SYSTEM_OWNER = "systemOwner";
  public static final String VAR_EXPIRES_AT = "expiresAt";
  public static final String VAR_REFUSAL_REASON = "refusalReason";

  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          name(VAR_SYSTEM),
          name(VAR_ALIAS),
          name(VAR_KEY_GROUP),
          name(VAR_OPERATIONS),
          name(VAR_DURATION),
          text(VAR_JUSTIFICATION),
          nameOrNumber(VAR_CREATE_ALLOWANCE),
          name(VAR_CREATE_PURPOSE),
          name(VAR_REQUESTED_BY));

  /** What an accepted request shows the approving officer (and Cockpit). */
  public static Map<String, Object> shown(GrantRequest request) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(VAR_GRANT_ID, request.grantId().toString());
    shown.put(VAR_SYSTEM, request.system().name());
    shown.put(VAR_TARGET, request.target());
    shown.put(VAR_OPERATIONS, request.operationNames());
    shown.put(VAR_DURATION, request.duration().toString());
    shown.put(VAR_ENVIRONMENT, request.system().environment().name());
    shown.put(VAR_SYSTEM_OWNER, request.owner() == null ? "" : request.owner());
    return shown;
  }

  private KeyAccessGrantProcess() {}
}
