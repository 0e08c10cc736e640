package io.keyflow.checkpoint;

import io.keyflow.engine.StartVariables;

/**
 * Process key, element ids and variable names of {@code processes/LedgerCheckpointSchedule.bpmn}: a
 * timer ({@code keyflow.ledger.checkpoint-interval}) that signs the ledger's head in the HSM.
 */
public final class LedgerCheckpointScheduleProcess {

  public static final String PROCESS_KEY = "LedgerCheckpointSchedule";

  public static final String START_EVENT = "StartEvent_CheckpointDue";
  public static final String TASK_SIGN_CHECKPOINT = "Task_SignLedgerCheckpoint";
  public static final String END_SIGNED = "EndEvent_CheckpointSigned";

  /** Timer-started: nobody starts it with variables. */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  /**
   * The sequence the run signed, or null when the ledger had not changed since the last checkpoint.
   */
  public static final String VAR_CHECKPOINT_SEQUENCE = "checkpointSequence";

  private LedgerCheckpointScheduleProcess() {}
}
