package io.keyflow.custodian;

/**
 * Process key, element ids and variables of {@code processes/CustodianAcknowledgement.bpmn}: one
 * custodian (the business key) acknowledges their responsibilities in a Tasklist form.
 */
public final class CustodianAcknowledgementProcess {

  public static final String PROCESS_KEY = "CustodianAcknowledgement";

  public static final String START_EVENT = "StartEvent_AcknowledgementDue";
  public static final String TASK_ACKNOWLEDGE = "Task_AcknowledgeResponsibilities";
  public static final String END_EVENT = "EndEvent_ResponsibilitiesAcknowledged";

  public static final String FORM = "acknowledge-custodian-responsibilities";

  public static final String VAR_CUSTODIAN = "custodian";
  public static final String VAR_GROUPS = "custodianGroups";
  public static final String VAR_RESPONSIBILITIES = "responsibilities";
  public static final String VAR_RESPONSIBILITIES_SHA256 = "responsibilitiesSha256";
  public static final String VAR_ACKNOWLEDGED = "acknowledged";

  private CustodianAcknowledgementProcess() {}
}
