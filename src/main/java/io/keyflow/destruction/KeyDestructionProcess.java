package io.keyflow.destruction;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;
import io.keyflow.key.KeyVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Process key, element ids and variable names of {@code processes/KeyDestruction.bpmn}. */
public final class KeyDestructionProcess {

  public static final String PROCESS_KEY = "KeyDestruction";

  public static final String START_EVENT = "StartEvent_DestructionRequested";
  public static final String TASK_CHECK_REQUEST = "Task_CheckDestructionRequest";
  public static final String BOUNDARY_REQUEST_REFUSED = "BoundaryEvent_DestructionRefused";
  public static final String END_REFUSED = "EndEvent_DestructionRefused";
  public static final String GATEWAY_WHOLE_KEY = "Gateway_WholeKey";
  public static final String TASK_START_VERSION_DESTRUCTIONS = "Task_StartVersionDestructions";
  public static final String END_VERSION_DESTRUCTIONS_STARTED =
      "EndEvent_VersionDestructionsStarted";
  public static final String TASK_FIRST_APPROVAL = "Task_FirstApproval";
  public static final String GATEWAY_FIRST_APPROVED = "Gateway_FirstApproved";
  public static final String GATEWAY_SECOND_APPROVAL_REQUIRED = "Gateway_SecondApprovalRequired";
  public static final String TASK_SECOND_APPROVAL = "Task_SecondApproval";
  public static final String GATEWAY_SECOND_APPROVED = "Gateway_SecondApproved";
  public static final String END_REJECTED = "EndEvent_DestructionRejected";
  public static final String TASK_DESTROY = "Task_DestroyKeyVersion";
  public static final String TASK_VERIFY = "Task_VerifyDestruction";
  public static final String TASK_RECORD = "Task_RecordDestruction";
  public static final String END_DESTROYED = "EndEvent_KeyVersionDestroyed";
  public static final String ERROR_REFUSED = "Error_DestructionRefused";

  /** BPMN error code thrown when a destruction request is refused before any approval. */
  public static final String ERROR_CODE_REFUSED = "KeyDestructionRefused";

  public static final String FORM_START = "start-key-destruction";
  public static final String FORM_APPROVE = "approve-key-destruction";

  /** The requester of destructions the daily sweep starts; any two officers may approve them. */
  public static final String SWEEP_PRINCIPAL = "system:destruction-sweep";

  /** The {@code version} value that asks to destroy every destroyable version of the key. */
  public static final String ALL_VERSIONS = "all";

  // Variables: request fields (set by the requester)
  public static final String VAR_ALIAS = "alias";

  /** A version number, or {@value #ALL_VERSIONS}. */
  public static final String VAR_VERSION = "version";

  public static final String VAR_REASON = "reason";
  // Variables set by the server
  public static final String VAR_REQUESTED_BY = "requestedBy";
  public static final String VAR_DESTROY_ALL = "destroyAll";
  public static final String VAR_VERSIONS_TO_DESTROY = "versionsToDestroy";
  public static final String VAR_DESTRUCTIONS_STARTED = "destructionsStarted";
  public static final String VAR_KEY_ID = "keyId";
  public static final String VAR_VERSION_ID = "versionId";
  public static final String VAR_VERSION_NUMBER = "versionNumber";
  public static final String VAR_VERSION_STATE = "versionState";
  public static final String VAR_DEACTIVATED_AT = "deactivatedAt";
  public static final String VAR_RETAIN_UNTIL = "retainUntil";
  public static final String VAR_KCV = "kcv";
  public static final String VAR_HSM_LABEL = "hsmLabel";
  public static final String VAR_REQUIRED_APPROVALS = "requiredApprovals";

  /**
   * Set from the ledger when the first approval is recorded; the gateway after it reads only this.
   */
  public static final String VAR_APPROVALS_COMPLETE = "approvalsComplete";

  public static final String VAR_REFUSAL_REASON = "refusalReason";
  public static final String VAR_VAULT_OBJECT_DESTROYED = "vaultObjectDestroyed";
  public static final String VAR_DESTROYED_AT = "destroyedAt";

  /**
   * The start variables this process accepts (the engine refuses any other, and any value of the
   * wrong type or length, before anything is stored); {@code requestedBy} is accepted but ignored.
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          name(VAR_ALIAS),
          nameOrNumber(VAR_VERSION),
          text(VAR_REASON),
          name(VAR_REQUESTED_BY));

  /**
   * The variables an accepted request shows in Tasklist and Cockpit (for showing only: the steps
   * after the approval read the request from its ledger entry): the key, the reason and either the
   * versions a whole-key request fans out to or the one version's facts.
   */
  public static Map<String, Object> shown(DestructionRequest request) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(VAR_ALIAS, request.key().alias());
    shown.put(VAR_REASON, request.reason());
    shown.put(VAR_KEY_ID, request.key().id().toString());
    if (request instanceof DestructionRequest.WholeKey whole) {
      shown.put(VAR_DESTROY_ALL, true);
      shown.put(
          VAR_VERSIONS_TO_DESTROY,
          whole.versions().stream().map(String::valueOf).collect(Collectors.joining(",")));
      return shown;
    }
    var one = (DestructionRequest.OneVersion) request;
    KeyVersion v = one.version();
    shown.put(VAR_DESTROY_ALL, false);
    shown.put(VAR_VERSION_ID, v.id().toString());
    shown.put(VAR_VERSION_NUMBER, v.number());
    shown.put(VAR_VERSION_STATE, v.state().name());
    shown.put(VAR_DEACTIVATED_AT, v.deactivatedAt() == null ? null : v.deactivatedAt().toString());
    shown.put(VAR_RETAIN_UNTIL, v.retainUntil() == null ? null : v.retainUntil().toString());
    shown.put(VAR_KCV, v.kcv());
    shown.put(VAR_HSM_LABEL, v.hsmLabel());
    shown.put(VAR_REQUIRED_APPROVALS, one.requiredApprovals());
    return shown;
  }

  private KeyDestructionProcess() {}
}
