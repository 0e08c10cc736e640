package io.keyflow.generation;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;
import java.util.LinkedHashMap;
import java.util.Map;

/** Process key, element ids and variable names of {@code processes/KeyGeneration.bpmn}. */
public final class KeyGenerationProcess {

  public static final String PROCESS_KEY = "KeyGeneration";

  public static final String START_EVENT = "StartEvent_KeyRequested";
  public static final String TASK_CHECK_REQUEST = "Task_CheckKeyRequest";
  public static final String BOUNDARY_REQUEST_REFUSED = "BoundaryEvent_RequestRefused";
  public static final String END_REQUEST_REFUSED = "EndEvent_RequestRefused";
  public static final String TASK_APPROVE = "Task_ApproveKeyGeneration";
  public static final String GATEWAY_APPROVED = "Gateway_GenerationApproved";
  public static final String END_REJECTED = "EndEvent_GenerationRejected";
  public static final String TASK_GENERATE = "Task_GenerateKey";
  public static final String TASK_RECORD = "Task_RecordKeyVersion";
  public static final String END_GENERATED = "EndEvent_KeyGenerated";
  public static final String ERROR_POLICY_VIOLATED = "Error_KeyPolicyViolated";

  /** BPMN error code thrown when a request breaks policy or reuses an alias. */
  public static final String ERROR_CODE_REQUEST_REFUSED = "KeyRequestRefused";

  public static final String FORM_START = "start-key-generation";
  public static final String FORM_APPROVE = "approve-key-generation";

  // Variables: request fields (set by the requester)
  public static final String VAR_ALIAS = "alias";
  public static final String VAR_PURPOSE = "purpose";
  public static final String VAR_ALGORITHM = "algorithm";
  public static final String VAR_EXPORTABLE = "exportable";
  public static final String VAR_JUSTIFICATION = "justification";

  /**
   * Optional: PRODUCTION (the default) or TEST; keys are only distributed within their environment.
   */
  public static final String VAR_ENVIRONMENT = "environment";

  // Variables set by the server
  public static final String VAR_REQUESTED_BY = "requestedBy";
  public static final String VAR_KEY_ID = "keyId";
  public static final String VAR_VERSION_ID = "versionId";
  public static final String VAR_HSM_LABEL = "hsmLabel";
  public static final String VAR_REFUSAL_REASON = "refusalReason";
  public static final String VAR_KCV = "kcv";

  /**
   * The start variables this process accepts (the engine refuses any other, and any value of the
   * wrong type or length, before anything is stored); {@code requestedBy} is accepted but ignored.
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          name(VAR_ALIAS),
          name(VAR_PURPOSE),
          name(VAR_ALGORITHM),
          flag(VAR_EXPORTABLE),
          text(VAR_JUSTIFICATION),
          name(VAR_ENVIRONMENT),
          name(VAR_REQUESTED_BY));

  /**
   * What the officer's form and Cockpit show of an accepted request; the later steps read the
   * request back from the ledger, never from these.
   */
  public static Map<String, Object> shown(KeyGenerationService.AcceptedRequest accepted) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(VAR_PURPOSE, accepted.request().purpose().name());
    shown.put(VAR_EXPORTABLE, accepted.request().exportable());
    shown.put(VAR_ENVIRONMENT, accepted.request().environment().name());
    shown.put(VAR_KEY_ID, accepted.keyId().toString());
    shown.put(VAR_VERSION_ID, accepted.versionId().toString());
    shown.put(VAR_HSM_LABEL, accepted.label());
    return shown;
  }

  private KeyGenerationProcess() {}
}
