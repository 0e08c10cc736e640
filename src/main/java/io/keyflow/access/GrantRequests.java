package io.keyflow.access;

import io.keyflow.access.internal.GrantRepository;
import io.keyflow.approval.ApprovalMissing;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.Approved;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.key.RequestInputs;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.details.KeyAccessGranted;
import io.keyflow.ledger.details.KeyAccessRefused;
import io.keyflow.ledger.details.KeyAccessRequested;
import io.keyflow.recipient.Recipient;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grant requests on the phase template ({@link PhaseSteps}): a request is checked and recorded as
 * {@code KEY_ACCESS_REQUESTED} (or {@code _REFUSED}); after an officer's approval the grant is
 * activated from the request as the ledger recorded it ({@code KEY_ACCESS_GRANTED}, citing the
 * request and the approval), after the rules are checked again; its expiry ends it.
 */
@Service
public class GrantRequests {

  private static final ApprovalPhase PHASE = ApprovalPhase.ACCESS_GRANT;

  private final GrantChecks checks;
  private final PhaseSteps steps;
  private final GrantRepository grants;
  private final Grants ending;
  private final Clock clock;

  GrantRequests(
      GrantChecks checks, PhaseSteps steps, GrantRepository grants, Grants ending, Clock clock) {
    this.checks = checks;
    this.steps = steps;
    this.grants = grants;
    this.ending = ending;
    this.clock = clock;
  }

  /**
   * Checks a request; an accepted one is recorded ({@code KEY_ACCESS_REQUESTED}) and its grant
   * stored as REQUESTED, a refused one recorded ({@code KEY_ACCESS_REFUSED}) and rethrown.
   */
  @Transactional(noRollbackFor = Refusal.class)
  public GrantRequest request(
      Object system,
      Object alias,
      Object keyGroup,
      Object operations,
      Object duration,
      Object justification,
      Object createAllowance,
      Object createPurpose,
      Requester requester) {
    UUID grantId = UUID.randomUUID();
    GrantRequest request =
        steps.request(
            PHASE,
            requester,
            RequestInputs.aliasForLedger(alias),
            user ->
                checks.check(
                    grantId,
                    system,
                    alias,
                    keyGroup,
                    operations,
                    duration,
                    justification,
                    createAllowance,
                    createPurpose),
            accepted ->
                steps
                    .requested(PHASE, requester)
                    .key(
                        accepted.key() == null ? null : accepted.key().id(),
                        accepted.key() == null ? null : accepted.key().alias())
                    .details(details(accepted))
                    .build(),
            refusal -> refused(refusal, system, keyGroup));
    Instant now = clock.instant();
    grants.insert(
        new Grant(
            grantId,
            request.system().id(),
            request.system().name(),
            request.key() == null ? null : request.key().id(),
            request.key() == null ? null : request.key().alias(),
            request.group() == null ? null : request.group().name(),
            request.operations(),
            request.createAllowance(),
            request.createPurpose() == null ? null : request.createPurpose().name(),
            GrantState.REQUESTED,
            request.justification(),
            requester.user(),
            now,
            now.plus(request.duration()),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            requester.processInstanceId()));
    return request;
  }

  private static KeyAccessRequested details(GrantRequest accepted) {
    return new KeyAccessRequested(
        accepted.grantId().toString(),
        accepted.system().name(),
        accepted.system().id().toString(),
        accepted.group() == null ? null : accepted.group().name(),
        accepted.system().environment().name(),
        accepted.operations().stream().map(AccessOperation::wireName).toList(),
        accepted.duration().toString(),
        accepted.justification(),
        accepted.createAllowance(),
        accepted.createPurpose() == null ? null : accepted.createPurpose().name());
  }

  private static KeyAccessRefused refused(Refusal refusal, Object system, Object keyGroup) {
    return new KeyAccessRefused(refusal.getMessage(), plausible(system), plausible(keyGroup));
  }

  private static String plausible(Object value) {
    return value instanceof String text && text.strip().matches("[A-Za-z0-9._-]{1,64}")
        ? text.strip()
        : null;
  }

  /**
   * Activates the approved grant from its request entry: the rules are checked again, the grant
   * runs from now for the duration the request recorded, and {@code KEY_ACCESS_GRANTED} cites the
   * request and its approval. Idempotent.
   *
   * @return when the grant expires
   * @throws ApprovalMissing when the ledger shows no approval by an officer who is neither the
   *     requester nor the system's owner (recorded; nothing is granted)
   * @throws Refusal when the rules no longer hold (recorded as {@code KEY_ACCESS_REFUSED})
   */
  @Transactional(noRollbackFor = Refusal.class)
  public Instant activate(String processInstanceId) {
    Approved approved = steps.approved(PHASE, processInstanceId, 1, "activate the grant");
    KeyAccessRequested request = approved.details(KeyAccessRequested.class);
    UUID grantId = UUID.fromString(request.grantId());
    Grant grant = grants.lock(grantId).orElseThrow();
    if (grant.state() == GrantState.ACTIVE) {
      return grant.expiresAt();
    }
    Requester requester = new Requester(approved.requestedBy(), processInstanceId);
    try {
      if (grant.state() != GrantState.REQUESTED) {
        throw new Refusal(
            Kind.STATE_TRANSITION_FORBIDDEN,
            "The grant was "
                + grant.state()
                + " while it waited for approval"
                + (grant.endReason() == null ? "" : ": " + grant.endReason()));
      }
      GrantRequest now =
          checks.check(
              grantId,
              request.system(),
              approved.request().keyAlias(),
              request.keyGroup(),
              String.join(",", request.operations()),
              request.duration(),
              request.justification(),
              request.createAllowance(),
              request.createPurpose());
      requireOwnerDidNotApprove(now.system(), approved, processInstanceId);
    } catch (Refusal refusal) {
      grants.end(
          grantId, GrantState.REFUSED, clock.instant(), "system:key-access", refusal.getMessage());
      steps.refused(
          PHASE,
          requester,
          grant.keyId(),
          grant.keyAlias(),
          new KeyAccessRefused(refusal.getMessage(), grant.system(), grant.keyGroup()));
      throw refusal;
    }
    Instant at = clock.instant();
    Instant expiresAt = at.plus(Duration.parse(request.duration()));
    List<Long> approvalSeqs = approved.approvalSeqs();
    grants.activate(
        grantId, expiresAt, approved.approvedBy(), at, approvalSeqs.get(approvalSeqs.size() - 1));
    steps.record(
        steps
            .outcome(LedgerAction.KEY_ACCESS_GRANTED, approved)
            .key(grant.keyId(), grant.keyAlias())
            .details(
                new KeyAccessGranted(
                    grantId.toString(),
                    grant.system(),
                    grant.keyGroup(),
                    request.operations(),
                    expiresAt,
                    approved.approvers(),
                    approved.requestSeq(),
                    approvalSeqs))
            .build());
    ending.forgetCachedAnswers();
    return expiresAt;
  }

  /**
   * The owner of a system never approves its grants: the task listener refuses such a completion,
   * and this guard, reading the ledger, catches an approval that reached it another way.
   */
  private static void requireOwnerDidNotApprove(
      Recipient system, Approved approved, String processInstanceId) {
    if (system.owner() != null && approved.approvers().contains(system.owner())) {
      throw new ApprovalMissing(
          "Refused to activate the grant in process instance "
              + processInstanceId
              + ": it was approved by "
              + system.owner()
              + ", the owner of system '"
              + system.name()
              + "'. Nothing was granted; cancel it and request again");
    }
  }

  /** After a rejection: the grant is closed as REJECTED. */
  @Transactional
  public void rejected(String processInstanceId, UUID grantId) {
    grants.end(
        grantId,
        GrantState.REJECTED,
        clock.instant(),
        "system:key-access",
        "Rejected by an officer");
  }

  /** When the grant's time is up: EXPIRED ({@code KEY_ACCESS_EXPIRED}) once. */
  @Transactional
  public void expire(UUID grantId) {
    grants
        .lock(grantId)
        .filter(grant -> grant.state() == GrantState.ACTIVE)
        .ifPresent(
            grant ->
                ending.end(
                    grant,
                    GrantState.EXPIRED,
                    "system:key-access",
                    "The grant's time was up at " + grant.expiresAt(),
                    Grants.Cause.EXPIRY,
                    null));
  }
}
