package io.keyflow.compromise;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;
import java.util.List;
import java.util.Map;

/** Process key, element ids and variable names of {@code processes/KeyCompromise.bpmn}. */
public final class KeyCompromiseProcess {

  public static final String PROCESS_KEY = "KeyCompromise";

  public static final String START_EVENT = "StartEvent_CompromiseReported";
  public static final String GATEWAY_WHAT_REPORTED = "Gateway_WhatReported";
  public static final String TASK_REPORT_HELD_KEYS = "Task_ReportHeldKeys";
  public static final String BOUNDARY_RECIPIENT_REPORT_REFUSED =
      "BoundaryEvent_RecipientReportRefused";
  public static final String END_HELD_KEYS_REPORTED = "EndEvent_HeldKeysReported";
  public static final String TASK_CONTAIN = "Task_ContainCompromise";
  public static final String BOUNDARY_REPORT_REFUSED = "BoundaryEvent_ReportRefused";
  public static final String END_REFUSED = "EndEvent_ReportRefused";
  public static final String TASK_CONFIRM = "Task_ConfirmCompromise";
  public static final String BOUNDARY_CONFIRMATION_OVERDUE = "BoundaryEvent_ConfirmationOverdue";
  public static final String TASK_ESCALATE = "Task_EscalateUnconfirmedReport";
  public static final String END_ESCALATED = "EndEvent_ConfirmationEscalated";
  public static final String GATEWAY_CONFIRMED = "Gateway_CompromiseConfirmed";
  public static final String TASK_DISMISS = "Task_DismissReport";
  public static final String END_DISMISSED = "EndEvent_ReportDismissed";
  public static final String TASK_NOTIFY_HOLDERS = "Task_NotifyHolders";

  /** Splits the confirmed path: webhooks are told beside the rotation, never blocking it. */
  public static final String GATEWAY_TELL_WEBHOOKS = "Gateway_TellWebhooks";

  /** Multi-instance, asynchronous and retrying: one post per holder with a registered webhook. */
  public static final String TASK_NOTIFY_WEBHOOK = "Task_NotifyHolderWebhook";

  public static final String END_WEBHOOKS_TOLD = "EndEvent_WebhooksTold";

  /**
   * Informational task for the key's owner; on its own branch, it never holds up the destruction.
   */
  public static final String TASK_OWNER_ACKNOWLEDGE = "Task_AcknowledgeKeyCompromise";

  public static final String END_OWNER_ACKNOWLEDGED = "EndEvent_OwnerAcknowledged";
  public static final String GATEWAY_PRIMARY_COMPROMISED = "Gateway_PrimaryCompromised";
  public static final String TASK_GENERATE_REPLACEMENT = "Task_GenerateReplacementVersion";
  public static final String TASK_RECORD_ROTATION = "Task_RecordEmergencyRotation";

  /** Multi-instance call of KeyDistribution, one per recipient that held a compromised version. */
  public static final String CALL_ACTIVITY_REDISTRIBUTE = "CallActivity_RedistributeReplacement";

  public static final String GATEWAY_ROTATION_DONE = "Gateway_RotationDone";

  /** Timer: the holders' re-encryption window before the compromised versions are destroyed. */
  public static final String EVENT_RE_ENCRYPTION_WINDOW = "Event_ReEncryptionWindowOver";

  /** Multi-instance call of KeyDestruction (dual control), one per compromised version. */
  public static final String CALL_ACTIVITY_DESTROY = "CallActivity_DestroyCompromisedVersions";

  public static final String END_RESOLVED = "EndEvent_CompromiseResolved";
  public static final String ERROR_REFUSED = "Error_ReportRefused";
  public static final String ESCALATION_UNCONFIRMED = "Escalation_ReportUnconfirmed";

  /** BPMN error code thrown when a report is refused (nothing was contained). */
  public static final String ERROR_CODE_REFUSED = "KeyCompromiseRefused";

  /** Escalation code of an unconfirmed report (the confirmation task stays open). */
  public static final String ESCALATION_CODE_UNCONFIRMED = "KeyCompromiseUnconfirmed";

  public static final String FORM_START = "start-key-compromise";
  public static final String FORM_CONFIRM = "confirm-key-compromise";

  /** The {@code versions} value that reports every live version of the key. */
  public static final String ALL_VERSIONS = "all";

  /** Priority of an overdue confirmation task (Camunda's default is 50). */
  public static final int ESCALATED_PRIORITY = 100;

  // Variables: report fields (set by the reporter)
  public static final String VAR_ALIAS = "alias";

  /** {@value #ALL_VERSIONS}, one version number or numbers separated by commas. */
  public static final String VAR_VERSIONS = "versions";

  public static final String VAR_REASON = "reason";

  /**
   * Instead of {@code alias}: a recipient whose certificate or wrapping key leaked; every key
   * version it holds is reported, one report per key.
   */
  public static final String VAR_RECIPIENT = "recipient";

  /** Optional free text: what was seen, where, by whom. */
  public static final String VAR_EVIDENCE = "evidence";

  /**
   * Whether the report names a recipient (all the keys it holds) rather than a key: set from {@link
   * #VAR_RECIPIENT} before the first gateway, which reads only this flag.
   */
  public static final String VAR_RECIPIENT_REPORTED = "recipientReported";

  // Variables set by the server
  public static final String VAR_REQUESTED_BY = "requestedBy";
  public static final String VAR_KEY_ID = "keyId";
  public static final String VAR_CONTAINED_VERSIONS = "containedVersions";
  public static final String VAR_ALREADY_COMPROMISED = "alreadyCompromised";
  public static final String VAR_COMPROMISED_AT = "compromisedAt";
  public static final String VAR_PACKAGES_WITHDRAWN = "packagesWithdrawn";
  public static final String VAR_RECIPIENTS_HOLDING = "recipientsHolding";
  public static final String VAR_REFUSAL_REASON = "refusalReason";
  public static final String VAR_RESTORED_VERSIONS = "restoredVersions";

  /** Of a recipient report: the keys reported, as "alias:versions" separated by "; ". */
  public static final String VAR_REPORTS_STARTED = "reportsStarted";

  public static final String VAR_EMERGENCY_ROTATION = "emergencyRotation";
  public static final String VAR_REPLACEMENT_VERSION = "replacementVersion";
  public static final String VAR_REPLACEMENT_VERSION_ID = "replacementVersionId";
  public static final String VAR_REPLACEMENT_KCV = "replacementKcv";
  public static final String VAR_RECIPIENTS_TO_REDISTRIBUTE = "recipientsToRedistribute";
  public static final String VAR_HOLDERS_NOTIFIED = "holdersNotified";

  /** Comma-separated holders with a registered webhook, set when holders are notified. */
  public static final String VAR_WEBHOOK_RECIPIENTS = "webhookRecipients";

  /** The element variable of the webhook multi-instance: one holder's name. */
  public static final String VAR_WEBHOOK_RECIPIENT = "webhookRecipient";

  /** The key's owner (from the key record), assignee of the re-encryption task. */
  public static final String VAR_KEY_OWNER = "keyOwner";

  /** The owner's tick on the re-encryption task, the only field its completion may carry. */
  public static final String VAR_ACKNOWLEDGED = "acknowledged";

  public static final String VAR_VERSIONS_TO_DESTROY = "versionsToDestroy";
  public static final String VAR_DESTRUCTION_REASON = "destructionReason";
  public static final String VAR_ESCALATED = "escalated";
  public static final String VAR_ESCALATED_AT = "escalatedAt";

  /**
   * The start variables this process accepts (the engine refuses any other, and any value of the
   * wrong type or length, before anything is stored); {@code requestedBy} is accepted but ignored.
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          name(VAR_ALIAS),
          nameOrNumber(VAR_VERSIONS),
          name(VAR_RECIPIENT),
          text(VAR_REASON),
          text(VAR_EVIDENCE),
          name(VAR_REQUESTED_BY));

  /**
   * The variables a contained report shows the confirming officer (and Cockpit); the alias becomes
   * the business key besides.
   */
  public static Map<String, Object> shown(CompromiseReport report) {
    return Map.of(
        VAR_ALIAS,
        report.key().alias(),
        VAR_KEY_ID,
        report.key().id().toString(),
        VAR_CONTAINED_VERSIONS,
        report.containedNumbers(),
        VAR_ALREADY_COMPROMISED,
        report.alreadyCompromised().isEmpty()
            ? "none"
            : String.join(",", report.alreadyCompromised().stream().map(String::valueOf).toList()),
        VAR_EMERGENCY_ROTATION,
        report.needsEmergencyRotation(),
        VAR_COMPROMISED_AT,
        report.compromisedAt().toString(),
        VAR_PACKAGES_WITHDRAWN,
        report.packagesWithdrawn().size(),
        VAR_RECIPIENTS_HOLDING,
        listedOr(report.recipientsHolding(), "none recorded"));
  }

  private static String listedOr(List<String> names, String none) {
    return names.isEmpty() ? none : String.join(", ", names);
  }

  private KeyCompromiseProcess() {}
}
