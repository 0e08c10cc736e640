package io.keyflow.custodian;

import io.keyflow.engine.StartVariables;

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

  /** Longest responsibilities text ({@code keyflow.custodian.responsibilities}) a task may show. */
  public static final int MAX_RESPONSIBILITIES = 20_000;

  /**
   * Started by the custodian sweep with the custodian, their groups and the text to acknowledge.
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          StartVariables.name(VAR_CUSTODIAN),
          StartVariables.text(VAR_GROUPS),
          new StartVariables.Field(
              VAR_RESPONSIBILITIES, StartVariables.Type.TEXT, MAX_RESPONSIBILITIES),
          StartVariables.name(VAR_RESPONSIBILITIES_SHA256));

  private CustodianAcknowledgementProcess() {}
}
