package io.keyflow.distribution;

import static io.keyflow.engine.StartVariables.*;

import io.keyflow.engine.StartVariables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Process key, element ids and variable names of {@code processes/KeyDistribution.bpmn}.
 *
 * <p><b>Call activity contract</b> (how rotation redistributes a new primary version to every
 * recipient that held the old one, see {@code io.keyflow.distribution.RecipientHoldings}):
 *
 * <ul>
 *   <li>in: {@link #VAR_ALIAS} (key alias), {@link #VAR_RECIPIENT} (recipient name), {@link
 *       #VAR_REQUESTED_BY} (who asked: the rotation's requester or a {@code system:} principal);
 *       optional {@link #VAR_VERSION_ID}: the version the caller expects to be distributed — it
 *       must be the key's ACTIVE primary version, otherwise the distribution is refused rather than
 *       sending another version than the caller meant.
 *   <li>When called, the requester is taken from {@link #VAR_REQUESTED_BY}; when started directly
 *       (REST, Tasklist) it is always the authenticated starter, whatever the start variables say.
 *   <li>out: {@link #VAR_OUTCOME} (one of {@link #OUTCOME_DISTRIBUTED}, {@link #OUTCOME_EXPIRED},
 *       {@link #OUTCOME_REFUSED}, {@link #OUTCOME_REJECTED}), {@link #VAR_PACKAGE_ID} (once
 *       wrapped) and {@link #VAR_REFUSAL_REASON} (when refused).
 *   <li>The called instance still needs an officer's approval (four-eyes against the requester) and
 *       waits for the recipient's pickup or the package's expiry, so a caller should not wait for
 *       it synchronously in a user-facing step.
 * </ul>
 */
public final class KeyDistributionProcess {

  public static final String PROCESS_KEY = "KeyDistribution";

  public static final String START_EVENT = "StartEvent_DistributionRequested";
  public static final String TASK_CHECK_REQUEST = "Task_CheckDistributionRequest";
  public static final String BOUNDARY_REQUEST_REFUSED = "BoundaryEvent_DistributionRefused";
  public static final String END_REQUEST_REFUSED = "EndEvent_DistributionRefused";
  public static final String TASK_APPROVE = "Task_ApproveKeyDistribution";
  public static final String GATEWAY_APPROVED = "Gateway_DistributionApproved";
  public static final String END_REJECTED = "EndEvent_DistributionRejected";
  public static final String TASK_WRAP = "Task_WrapKeyForRecipient";
  public static final String BOUNDARY_WRAP_REFUSED = "BoundaryEvent_WrapRefused";
  public static final String END_WRAP_REFUSED = "EndEvent_WrapRefused";
  public static final String TASK_HOLD_FOR_PICKUP = "Task_HoldPackageForPickup";
  public static final String BOUNDARY_PACKAGE_EXPIRED = "BoundaryEvent_PackageExpired";
  public static final String TASK_DELETE_EXPIRED = "Task_DeleteExpiredPackage";
  public static final String END_EXPIRED = "EndEvent_DistributionExpired";
  public static final String END_DISTRIBUTED = "EndEvent_KeyDistributed";
  public static final String ERROR_REFUSED = "Error_DistributionRefused";

  /** BPMN error code thrown when a distribution breaks a rule (before approval or at wrapping). */
  public static final String ERROR_CODE_REFUSED = "KeyDistributionRefused";

  /** The message the pickup correlates (by process instance id). */
  public static final String MESSAGE_PICKED_UP = "KeyPackagePickedUp";

  public static final String FORM_START = "start-key-distribution";
  public static final String FORM_APPROVE = "approve-key-distribution";

  // Variables: request (start form, REST, or call activity inputs)
  public static final String VAR_ALIAS = "alias";
  public static final String VAR_RECIPIENT = "recipient";
  public static final String VAR_REQUESTED_BY = "requestedBy";
  public static final String VAR_VERSION_ID = "versionId";
  // Variables set by the server: facts for the officer and the audit, never key material
  public static final String VAR_KEY_ID = "keyId";
  public static final String VAR_VERSION_NUMBER = "versionNumber";
  public static final String VAR_ALGORITHM = "algorithm";
  public static final String VAR_KCV = "kcv";
  public static final String VAR_ENVIRONMENT = "environment";
  public static final String VAR_RECIPIENT_ENVIRONMENT = "recipientEnvironment";
  public static final String VAR_RECIPIENT_CERTIFICATE = "recipientCertificateSha256";
  public static final String VAR_WRAPPING = "wrapping";
  public static final String VAR_MECHANISM = "mechanism";
  public static final String VAR_PACKAGE_ID = "packageId";
  public static final String VAR_PACKAGE_EXPIRES_AT = "packageExpiresAt";
  public static final String VAR_PICKED_UP_AT = "pickedUpAt";
  public static final String VAR_TLS_PROTOCOL = "tlsProtocol";
  public static final String VAR_TLS_CIPHER_SUITE = "tlsCipherSuite";
  public static final String VAR_PEER_CERTIFICATE = "peerCertificateSha256";
  public static final String VAR_REFUSAL_REASON = "refusalReason";
  public static final String VAR_OUTCOME = "distributionOutcome";

  public static final String OUTCOME_DISTRIBUTED = "DISTRIBUTED";
  public static final String OUTCOME_EXPIRED = "EXPIRED";
  public static final String OUTCOME_REFUSED = "REFUSED";
  public static final String OUTCOME_REJECTED = "REJECTED";

  /**
   * The start variables this process accepts (the engine refuses any other, and any value of the
   * wrong type or length, before anything is stored); {@code requestedBy} is accepted but ignored.
   */
  public static final StartVariables START_VARIABLES =
      StartVariables.of(
          PROCESS_KEY,
          name(VAR_ALIAS),
          name(VAR_RECIPIENT),
          name(VAR_REQUESTED_BY),
          name(VAR_VERSION_ID));

  /**
   * The facts an accepted request shows the officer (version, KCV, recipient environment and
   * wrapping key) and its package id, as variables — for showing only: the steps after the approval
   * read the request from its ledger entry.
   */
  public static Map<String, Object> shown(DistributionRequest request, UUID packageId) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(VAR_KEY_ID, request.keyId().toString());
    shown.put(VAR_VERSION_ID, request.versionId().toString());
    shown.put(VAR_VERSION_NUMBER, request.versionNumber());
    shown.put(VAR_ALGORITHM, request.algorithm());
    shown.put(VAR_KCV, request.kcv());
    shown.put(VAR_ENVIRONMENT, request.environment().name());
    shown.put(VAR_RECIPIENT_ENVIRONMENT, request.recipient().environment().name());
    shown.put(VAR_RECIPIENT_CERTIFICATE, request.recipient().certificateSha256());
    shown.put(VAR_WRAPPING, request.wrapping());
    shown.put(VAR_MECHANISM, request.mechanism().label());
    shown.put(VAR_PACKAGE_ID, packageId.toString());
    return shown;
  }

  private KeyDistributionProcess() {}
}
