package io.keyflow.approval;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.RequestRefused;
import io.keyflow.shared.Refusal;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The skeleton every approval-driven phase shares, written once, so a phase says only what is
 * particular to it — its request record, its checks, the approvals it needs, its HSM step and what
 * it records:
 *
 * <ol>
 *   <li>{@link #request}: the phase's checks run; an accepted request is recorded as the phase's
 *       {@code *_REQUESTED} entry — the record every later step acts on —, a refusal as its {@code
 *       *_REFUSED} entry, and rethrown. A request nobody authenticated is refused first.
 *   <li>{@link #approved}: before the HSM step (and before recording its outcome), the request
 *       entry of this very instance and the approvals the phase requires, read from the ledger; a
 *       missing approval is an alert and an incident (see {@link ApprovalGuard}), never an HSM
 *       call.
 *   <li>{@link #record}: the outcome, in the transaction of the state change it records; the
 *       outcome's details cite {@link Approved#requestSeq()} and {@link Approved#approvalSeqs()}.
 * </ol>
 *
 * <p>An officer's decision in between is recorded by {@link ApprovalService} from the task
 * listener: the approval carries a decision and a comment, nothing else.
 */
@Service
public class PhaseSteps {

  private final Ledger ledger;
  private final ApprovalGuard guard;

  PhaseSteps(Ledger ledger, ApprovalGuard guard) {
    this.ledger = ledger;
    this.guard = guard;
  }

  /**
   * The request step: {@code check} gets the authenticated requester and returns the accepted
   * request, or throws a {@link Refusal} saying why not; {@code accepted} makes the phase's {@code
   * *_REQUESTED} event of it, {@code refused} the details of the {@code *_REFUSED} entry. Runs in
   * the caller's transaction; a refusal is written and not rolled back, and nothing else changes.
   *
   * @param ledgerAlias what a refusal entry names as the key: the submitted alias as far as it is
   *     safe to record, or null
   * @throws Refusal the check's refusal, after it is recorded
   */
  @Transactional(noRollbackFor = Refusal.class)
  public <R> R request(
      ApprovalPhase phase,
      Requester requester,
      String ledgerAlias,
      Function<String, R> check,
      Function<R, LedgerEvent> accepted,
      Function<Refusal, ? extends RequestRefused> refused) {
    try {
      R request = check.apply(requester.authenticated());
      ledger.append(accepted.apply(request));
      return request;
    } catch (Refusal refusal) {
      refused(phase, requester, null, ledgerAlias, refused.apply(refusal));
      throw refusal;
    }
  }

  /**
   * Records a refusal of this phase outside {@link #request}: for a phase that refuses at a later
   * stage too (a distribution whose wrap is refused), or whose accepted request writes no entry of
   * its own. The entry's actor is the requester, or {@value Requester#ANONYMOUS}.
   *
   * @param keyId the key the refusal is about when the request named one that exists, or null
   */
  public LedgerEntry refused(
      ApprovalPhase phase,
      Requester requester,
      UUID keyId,
      String ledgerAlias,
      RequestRefused details) {
    return ledger.append(
        LedgerEvent.builder(phase.refused(), requester.forLedger())
            .key(keyId, ledgerAlias)
            .processInstance(requester.processInstanceId())
            .details(details)
            .build());
  }

  /** The start of a phase's request entry: its action, requester and process instance. */
  public LedgerEvent.Builder requested(ApprovalPhase phase, Requester requester) {
    return LedgerEvent.builder(phase.requested(), requester.authenticated())
        .processInstance(requester.processInstanceId());
  }

  /**
   * The request of {@code processInstanceId} with the approvals its phase requires: what the step
   * after an approval acts on.
   *
   * @param step the step in words, for the alert and the incident, e.g. "generate the key"
   * @throws ApprovalMissing when the ledger does not show them (recorded; nothing is done)
   */
  public Approved approved(
      ApprovalPhase phase, String processInstanceId, int required, String step) {
    return guard.requireApprovals(phase, processInstanceId, required, step);
  }

  /** Records a phase's outcome (or any event of it) in the caller's transaction. */
  public LedgerEntry record(LedgerEvent outcome) {
    return ledger.append(outcome);
  }

  /** The start of an event the approved request's requester is the actor of. */
  public LedgerEvent.Builder outcome(LedgerAction action, Approved approved) {
    return LedgerEvent.builder(action, approved.requestedBy())
        .processInstance(approved.request().processInstanceId());
  }
}
