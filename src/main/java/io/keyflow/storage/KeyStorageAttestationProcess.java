package io.keyflow.storage;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;

/**
 * Process key, element ids and variable names of {@code processes/KeyStorageAttestation.bpmn},
 * started on demand by officers or engineering and monthly by {@link
 * StorageAttestationScheduleProcess} (Camunda allows no timer start event beside a none start
 * event).
 */
public final class KeyStorageAttestationProcess {

  public static final String PROCESS_KEY = "KeyStorageAttestation";

  public static final String START_EVENT = "StartEvent_AttestationRequested";
  public static final String TASK_RECONCILE = "Task_ReconcileKeyStorage";
  public static final String GATEWAY_DRIFT = "Gateway_DriftFound";
  public static final String TASK_ATTEST = "Task_AttestKeyStorage";
  public static final String TASK_RECORD = "Task_RecordAttestation";
  public static final String END_ATTESTED = "EndEvent_StorageAttested";

  /** A milestone on the drift path, so a drifted run is visible in the process history. */
  public static final String EVENT_DRIFT_DETECTED = "Event_StorageDriftDetected";

  public static final String FORM_START = "start-key-storage-attestation";
  public static final String FORM_ATTEST = "attest-key-storage";

  /** The requester of a scheduled run ({@link StorageAttestationScheduleProcess}). */
  public static final String SCHEDULE_PRINCIPAL = "system:attestation-schedule";

  // Variables: all facts, never key material
  public static final String VAR_REQUESTED_BY = "requestedBy";
  public static final String VAR_REASON = "reason";
  public static final String VAR_ATTESTATION_ID = "attestationId";
  public static final String VAR_FINDINGS = "findings";
  public static final String VAR_FINDINGS_DIGEST = "findingsSha256";
  public static final String VAR_DRIFT_DETECTED = "driftDetected";
  public static final String VAR_DRIFT_COUNT = "driftCount";
  public static final String VAR_FINDING_COUNT = "findingCount";
  public static final String VAR_ROLE_HOLDERS = "roleHolders";
  public static final String VAR_COMMENT = "comment";
  public static final String VAR_ATTESTED_BY = "attestedBy";

  /**
   * The start variables this process accepts (the engine refuses any other, and any value of the
   * wrong type or length, before anything is stored); {@code requestedBy} is accepted but ignored.
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(PROCESS_KEY, text(VAR_REASON), name(VAR_REQUESTED_BY));

  private KeyStorageAttestationProcess() {}
}
