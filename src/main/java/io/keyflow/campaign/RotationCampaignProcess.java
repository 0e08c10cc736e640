package io.keyflow.campaign;

import io.keyflow.engine.StartVariables;

/** Process key, element ids and variable names of {@code processes/RotationCampaign.bpmn}. */
public final class RotationCampaignProcess {

  public static final String PROCESS_KEY = "RotationCampaign";

  public static final String START_EVENT = "StartEvent_CampaignRequested";
  public static final String TASK_RECORD_REQUEST = "Task_RecordCampaignRequest";
  public static final String BOUNDARY_REFUSED = "BoundaryEvent_CampaignRefused";
  public static final String END_REFUSED = "EndEvent_CampaignRefused";
  public static final String TASK_APPROVE = "Task_ApproveCampaign";
  public static final String GATEWAY_APPROVED = "Gateway_CampaignApproved";
  public static final String BOUNDARY_APPROVAL_OVERDUE = "BoundaryEvent_ApprovalOverdue";
  public static final String TASK_ESCALATE = "Task_EscalateOverdueApproval";
  public static final String END_ESCALATED = "EndEvent_ApprovalEscalated";
  public static final String TASK_CLOSE_REJECTED = "Task_CloseRejectedCampaign";
  public static final String END_REJECTED = "EndEvent_CampaignRejected";
  public static final String TASK_START_KEY_STEPS = "Task_StartKeySteps";
  public static final String GATEWAY_ALL_STARTED = "Gateway_AllStarted";
  public static final String EVENT_WAIT_FOR_PROGRESS = "Event_WaitForProgress";
  public static final String TASK_UPDATE_PROGRESS = "Task_UpdateProgress";
  public static final String GATEWAY_FINISHED = "Gateway_CampaignFinished";
  public static final String END_FINISHED = "EndEvent_CampaignFinished";
  public static final String ERROR_REFUSED = "Error_CampaignRefused";

  public static final String ERROR_CODE_REFUSED = "RotationCampaignRefused";
  public static final String FORM_APPROVE = "approve-rotation-campaign";

  /** Set when the approval waited past {@code keyflow.rotation.approval-escalation}. */
  public static final String VAR_ESCALATED = "escalated";

  public static final String VAR_ESCALATED_AT = "escalatedAt";

  /** Priority the approval task gets when escalated (Camunda's default is 50). */
  public static final int ESCALATED_PRIORITY = 100;

  /** Started by the rotation sweep only, with no variables (it lists the keys due itself). */
  public static final StartVariables START_VARIABLES = StartVariables.none(PROCESS_KEY);

  private RotationCampaignProcess() {}
}
