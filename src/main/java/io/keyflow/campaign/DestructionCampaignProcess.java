package io.keyflow.campaign;

import io.keyflow.engine.StartVariables;

/** Process key, element ids and variable names of {@code processes/DestructionCampaign.bpmn}. */
public final class DestructionCampaignProcess {

  public static final String PROCESS_KEY = "DestructionCampaign";

  public static final String START_EVENT = "StartEvent_CampaignRequested";
  public static final String TASK_RECORD_REQUEST = "Task_RecordCampaignRequest";
  public static final String BOUNDARY_REFUSED = "BoundaryEvent_CampaignRefused";
  public static final String END_REFUSED = "EndEvent_CampaignRefused";
  public static final String TASK_FIRST_APPROVAL = "Task_FirstApproval";
  public static final String GATEWAY_FIRST_APPROVED = "Gateway_FirstApproved";
  public static final String GATEWAY_SECOND_APPROVAL_REQUIRED = "Gateway_SecondApprovalRequired";
  public static final String TASK_SECOND_APPROVAL = "Task_SecondApproval";
  public static final String GATEWAY_SECOND_APPROVED = "Gateway_SecondApproved";
  public static final String TASK_CLOSE_REJECTED = "Task_CloseRejectedCampaign";
  public static final String END_REJECTED = "EndEvent_CampaignRejected";
  public static final String TASK_START_KEY_STEPS = "Task_StartKeySteps";
  public static final String GATEWAY_ALL_STARTED = "Gateway_AllStarted";
  public static final String EVENT_WAIT_FOR_PROGRESS = "Event_WaitForProgress";
  public static final String TASK_UPDATE_PROGRESS = "Task_UpdateProgress";
  public static final String GATEWAY_FINISHED = "Gateway_CampaignFinished";
  public static final String END_FINISHED = "EndEvent_CampaignFinished";
  public static final String ERROR_REFUSED = "Error_CampaignRefused";

  public static final String ERROR_CODE_REFUSED = "DestructionCampaignRefused";
  public static final String FORM_APPROVE = "approve-destruction-campaign";

  /**
   * Started by the destruction sweep only, with no variables (it lists the versions due itself).
   */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private DestructionCampaignProcess() {}
}
