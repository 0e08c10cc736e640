package io.keyflow.custodian;

import io.keyflow.engine.StartVariables;

/**
 * Process key and element ids of {@code processes/CustodianSweep.bpmn}: every day (and at start-up)
 * compares who holds the custodian roles with the ledger and asks each custodian who is due to
 * acknowledge their responsibilities.
 */
public final class CustodianSweepProcess {

  public static final String PROCESS_KEY = "CustodianSweep";

  public static final String START_EVENT = "StartEvent_DailyCustodianSweep";
  public static final String TASK_START_ACKNOWLEDGEMENTS = "Task_StartDueAcknowledgements";
  public static final String END_EVENT = "EndEvent_CustodianSweepDone";

  public static final String SWEEP_PRINCIPAL = "system:custodian-sweep";
  public static final String VAR_ACKNOWLEDGEMENTS_STARTED = "acknowledgementsStarted";

  /** Timer-started: nobody starts it with variables. */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private CustodianSweepProcess() {}
}
