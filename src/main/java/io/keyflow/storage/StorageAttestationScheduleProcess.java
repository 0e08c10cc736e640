package io.keyflow.storage;

import io.keyflow.engine.StartVariables;

/**
 * Process key and element ids of {@code processes/StorageAttestationSchedule.bpmn}: a timer ({@code
 * keyflow.storage.attestation-cycle}) that calls KeyStorageAttestation with the requester {@link
 * KeyStorageAttestationProcess#SCHEDULE_PRINCIPAL}.
 */
public final class StorageAttestationScheduleProcess {

  public static final String PROCESS_KEY = "StorageAttestationSchedule";

  public static final String START_EVENT = "StartEvent_AttestationDue";
  public static final String CALL_ACTIVITY = "CallActivity_AttestKeyStorage";
  public static final String END_EVENT = "EndEvent_ScheduledAttestationDone";

  /** Started by its timer only: the engine refuses any start variable. */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private StorageAttestationScheduleProcess() {}
}
