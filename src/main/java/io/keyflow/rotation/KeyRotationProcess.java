package io.keyflow.rotation;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;
import io.keyflow.key.KeyVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Process key, element ids and variable names of {@code processes/KeyRotation.bpmn}. */
public final class KeyRotationProcess {

  public static final String PROCESS_KEY = "KeyRotation";

  public static final String START_EVENT = "StartEvent_RotationRequested";
  public static final String TASK_CHECK_REQUEST = "Task_CheckRotationRequest";
  public static final String BOUNDARY_REQUEST_REFUSED = "BoundaryEvent_RotationRefused";
  public static final String END_REFUSED = "EndEvent_RotationRefused";
  public static final String TASK_APPROVE = "Task_ApproveKeyRotation";
  public static final String BOUNDARY_APPROVAL_OVERDUE = "BoundaryEvent_ApprovalOverdue";
  public static final String TASK_ESCALATE = "Task_EscalateOverdueApproval";
  public static final String END_ESCALATED = "EndEvent_ApprovalEscalated";
  public static final String GATEWAY_APPROVED = "Gateway_RotationApproved";
  public static final String END_REJECTED = "EndEvent_RotationRejected";
  public static final String TASK_GENERATE = "Task_GenerateKeyVersion";
  public static final String TASK_RECORD = "Task_RecordRotation";
  public static final String END_ROTATED = "EndEvent_KeyRotated";
  public static final String ERROR_REFUSED = "Error_RotationRefused";

  /** BPMN error code thrown when a rotation request is refused before approval. */
  public static final String ERROR_CODE_REFUSED = "KeyRotationRefused";

  public static final String FORM_START = "start-key-rotation";
  public static final String FORM_APPROVE = "approve-key-rotation";

  /** The requester of rotations the daily sweep starts; any officer may approve them. */
  public static final String SWEEP_PRINCIPAL = "system:rotation-sweep";

  /**
   * Priority an approval task gets when it waited past the escalation deadline (Camunda's default
   * is 50).
   */
  public static final int ESCALATED_PRIORITY = 100;

  // Variables: request fields (set by the requester)
  public static final String VAR_ALIAS = "alias";
  public static final String VAR_REASON = "reason";

  /** Optional: a shorter encrypt period for the new version than the policy's, in days. */
  public static final String VAR_ENCRYPT_PERIOD_DAYS = "encryptPeriodDays";

  /** Optional: a shorter retention for the old version than the policy's, in days. */
  public static final String VAR_RETENTION_DAYS = "retentionDays";

  // Variables set by the server
  public static final String VAR_REQUESTED_BY = "requestedBy";
  public static final String VAR_KEY_ID = "keyId";
  public static final String VAR_CURRENT_VERSION = "currentVersion";
  public static final String VAR_CURRENT_VERSION_ID = "currentVersionId";
  public static final String VAR_CURRENT_VERSION_AGE_DAYS = "currentVersionAgeDays";
  public static final String VAR_CURRENT_PROTECT_STOP = "currentProtectStop";
  public static final String VAR_NEW_VERSION = "newVersion";
  public static final String VAR_NEW_VERSION_ID = "newVersionId";
  public static final String VAR_RECIPIENTS_HOLDING = "recipientsHolding";
  public static final String VAR_RECIPIENTS_TO_REDISTRIBUTE = "recipientsToRedistribute";

  /** Multi-instance call of KeyDistribution, one per recipient that held the old version. */
  public static final String CALL_ACTIVITY_REDISTRIBUTE = "CallActivity_RedistributeNewVersion";

  public static final String VAR_REFUSAL_REASON = "refusalReason";
  public static final String VAR_KCV = "kcv";
  public static final String VAR_RETAIN_UNTIL = "retainUntil";
  public static final String VAR_ESCALATED = "escalated";
  public static final String VAR_ESCALATED_AT = "escalatedAt";

  /**
   * The start variables this process accepts (the engine refuses any other, and any value of the
   * wrong type or length, before anything is stored); {@code requestedBy} is accepted but ignored.
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          name(VAR_ALIAS),
          text(VAR_REASON),
          days(VAR_ENCRYPT_PERIOD_DAYS),
          days(VAR_RETENTION_DAYS),
          name(VAR_REQUESTED_BY));

  /**
   * What the officer's form and Cockpit show of an accepted request, as of {@code now}; the later
   * steps read the request back from the ledger, never from these.
   */
  public static Map<String, Object> shown(RotationRequest request, Instant now) {
    KeyVersion current = request.current();
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(VAR_ALIAS, request.key().alias());
    shown.put(VAR_REASON, request.reason());
    shown.put(VAR_KEY_ID, request.key().id().toString());
    shown.put(VAR_CURRENT_VERSION, current.number());
    shown.put(VAR_CURRENT_VERSION_ID, current.id().toString());
    shown.put(VAR_CURRENT_VERSION_AGE_DAYS, current.ageInDays(now));
    shown.put(VAR_CURRENT_PROTECT_STOP, current.protectStopAt().toString());
    shown.put(VAR_NEW_VERSION, request.newVersionNumber());
    shown.put(VAR_NEW_VERSION_ID, request.newVersionId().toString());
    shown.put(VAR_ENCRYPT_PERIOD_DAYS, request.encryptPeriod().toDays());
    shown.put(VAR_RETENTION_DAYS, request.retention().toDays());
    shown.put(
        VAR_RECIPIENTS_HOLDING,
        request.recipientsHolding().isEmpty()
            ? "none recorded"
            : String.join(", ", request.recipientsHolding()));
    return shown;
  }

  private KeyRotationProcess() {}
}
