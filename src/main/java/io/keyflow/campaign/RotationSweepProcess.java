package io.keyflow.campaign;

import io.keyflow.engine.StartVariables;

/** Process key, element ids and variable names of {@code processes/RotationSweep.bpmn}. */
public final class RotationSweepProcess {

  public static final String PROCESS_KEY = "RotationSweep";

  public static final String START_EVENT = "StartEvent_DailyRotationSweep";
  public static final String TASK_START_ROTATIONS = "Task_StartDueRotations";
  public static final String END_DONE = "EndEvent_RotationSweepDone";

  /** Aliases whose rotation this sweep started, comma-separated. */
  public static final String VAR_ROTATIONS_STARTED = "rotationsStarted";

  /** Aliases skipped because a rotation of the key was already running, comma-separated. */
  public static final String VAR_ROTATIONS_SKIPPED = "rotationsSkipped";

  /** Aliases whose rotation started but was refused by its checks, comma-separated. */
  public static final String VAR_ROTATIONS_REFUSED = "rotationsRefused";

  /**
   * The RotationCampaign this sweep started instead of single rotations (more keys due than the
   * threshold).
   */
  public static final String VAR_CAMPAIGN_STARTED = "campaignStarted";

  /** Started by its timer only: the engine refuses any start variable. */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private RotationSweepProcess() {}
}
