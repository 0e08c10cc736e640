package io.keyflow.campaign;

import io.keyflow.engine.StartVariables;

/** Process key, element ids and variable names of {@code processes/DestructionSweep.bpmn}. */
public final class DestructionSweepProcess {

  public static final String PROCESS_KEY = "DestructionSweep";

  public static final String START_EVENT = "StartEvent_DailyDestructionSweep";
  public static final String TASK_START_DESTRUCTIONS = "Task_StartDueDestructions";
  public static final String END_DONE = "EndEvent_DestructionSweepDone";

  /** Versions whose destruction this sweep started, as {@code alias/vN}, comma-separated. */
  public static final String VAR_DESTRUCTIONS_STARTED = "destructionsStarted";

  /** Versions skipped because their destruction was already running. */
  public static final String VAR_DESTRUCTIONS_SKIPPED = "destructionsSkipped";

  /** Versions whose destruction started but was refused by its checks. */
  public static final String VAR_DESTRUCTIONS_REFUSED = "destructionsRefused";

  /**
   * The DestructionCampaign this sweep started instead of single destructions (more versions due
   * than the threshold).
   */
  public static final String VAR_CAMPAIGN_STARTED = "campaignStarted";

  /** Started by its timer only: the engine refuses any start variable. */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private DestructionSweepProcess() {}
}
