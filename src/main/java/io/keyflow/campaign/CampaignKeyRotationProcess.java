package io.keyflow.campaign;

import static io.keyflow.engine.StartVariables.name;

import io.keyflow.engine.StartVariables;

/** Process key, element ids and variable names of {@code processes/CampaignKeyRotation.bpmn}. */
public final class CampaignKeyRotationProcess {

  public static final String PROCESS_KEY = "CampaignKeyRotation";

  public static final String START_EVENT = "StartEvent_KeyRotationStarted";
  public static final String TASK_GENERATE = "Task_GenerateKeyVersion";
  public static final String TASK_RECORD = "Task_RecordRotation";
  public static final String CALL_ACTIVITY_REDISTRIBUTE = "CallActivity_RedistributeNewVersion";
  public static final String END_ROTATED = "EndEvent_KeyRotated";

  public static final String VAR_KCV = "kcv";
  public static final String VAR_NEW_VERSION_ID = "newVersionId";
  public static final String VAR_RECIPIENTS_TO_REDISTRIBUTE = "recipientsToRedistribute";

  /**
   * Started by its campaign with the campaign and the key; whoever else starts one gets nothing
   * done that the campaign's approval does not cover (the HSM step checks the ledger first).
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY, name(CampaignVariables.CAMPAIGN_ID), name(CampaignVariables.ALIAS));

  private CampaignKeyRotationProcess() {}
}
