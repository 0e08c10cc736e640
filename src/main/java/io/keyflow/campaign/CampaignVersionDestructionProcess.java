package io.keyflow.campaign;

import static io.keyflow.engine.StartVariables.name;

import io.keyflow.engine.StartVariables;

/**
 * Process key, element ids and variable names of {@code processes/CampaignVersionDestruction.bpmn}.
 */
public final class CampaignVersionDestructionProcess {

  public static final String PROCESS_KEY = "CampaignVersionDestruction";

  public static final String START_EVENT = "StartEvent_VersionDestructionStarted";
  public static final String TASK_DESTROY = "Task_DestroyKeyVersion";
  public static final String TASK_VERIFY = "Task_VerifyDestruction";
  public static final String TASK_RECORD = "Task_RecordDestruction";
  public static final String END_DESTROYED = "EndEvent_KeyVersionDestroyed";

  public static final String VAR_VAULT_OBJECT_DESTROYED = "vaultObjectDestroyed";

  /** Started by its campaign with the campaign and the version ({@code alias/vN}). */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY, name(CampaignVariables.CAMPAIGN_ID), name(CampaignVariables.ITEM));

  private CampaignVersionDestructionProcess() {}
}
