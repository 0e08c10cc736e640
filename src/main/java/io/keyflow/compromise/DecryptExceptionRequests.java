package io.keyflow.compromise;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.Approved;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
import io.keyflow.crypto.DecryptExceptions;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.RequestInputs;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.KeyDecryptExceptionExpired;
import io.keyflow.ledger.details.KeyDecryptExceptionOpened;
import io.keyflow.ledger.details.KeyDecryptExceptionRefused;
import io.keyflow.ledger.details.KeyDecryptExceptionRequested;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A request for a time-boxed decrypt-only exception on a COMPROMISED version: checked and written
 * as {@code KEY_DECRYPT_EXCEPTION_REQUESTED} (or {@code _REFUSED}); after an officer's approval the
 * exception is opened for the hours the request named, as the ledger recorded them, and closed when
 * they are over.
 */
@Service
public class DecryptExceptionRequests {

  private static final ApprovalPhase PHASE = ApprovalPhase.DECRYPT_EXCEPTION;

  /** An accepted request. */
  public record Accepted(ManagedKey key, KeyVersion version, int hours, String reason) {}

  private final Keys keys;
  private final PhaseSteps steps;
  private final RequestEntries requests;
  private final DecryptExceptions exceptions;
  private final Clock clock;

  DecryptExceptionRequests(
      Keys keys,
      PhaseSteps steps,
      RequestEntries requests,
      DecryptExceptions exceptions,
      Clock clock) {
    this.keys = keys;
    this.steps = steps;
    this.requests = requests;
    this.exceptions = exceptions;
    this.clock = clock;
  }

  @Transactional(noRollbackFor = Refusal.class)
  public Accepted request(
      Object alias,
      Object version,
      Object operation,
      Object hours,
      Object reason,
      Requester requester) {
    return steps.request(
        PHASE,
        requester,
        RequestInputs.aliasForLedger(alias),
        user -> check(alias, version, operation, hours, reason),
        accepted ->
            steps
                .requested(PHASE, requester)
                .key(accepted.key().id(), accepted.key().alias())
                .version(accepted.version().id(), accepted.version().number())
                .details(
                    new KeyDecryptExceptionRequested(
                        "decrypt", accepted.hours(), accepted.reason()))
                .build(),
        refusal -> new KeyDecryptExceptionRefused(refusal.getMessage()));
  }

  private Accepted check(
      Object aliasValue, Object versionValue, Object operation, Object hoursValue, Object reason) {
    if (!(operation instanceof String op) || !op.strip().equalsIgnoreCase("decrypt")) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "An exception can only allow decrypt, for data recovery; "
              + (operation == null ? "no operation was named" : "'" + operation + "' was asked")
              + ". A compromised version never encrypts again: encrypt under the key's replacement version");
    }
    String alias = RequestInputs.alias(aliasValue);
    ManagedKey key =
        keys.findByAlias(alias)
            .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, "No key with alias '" + alias + "'"));
    int number = wholeNumber("version", versionValue, Integer.MAX_VALUE);
    KeyVersion version =
        keys.findVersion(key.id(), number)
            .orElseThrow(
                () -> new Refusal(Kind.NOT_FOUND, "Key '" + alias + "' has no version " + number));
    if (version.state() != KeyState.COMPROMISED) {
      throw new Refusal(
          Kind.STATE_TRANSITION_FORBIDDEN,
          "Version "
              + number
              + " of key '"
              + alias
              + "' is "
              + version.state()
              + ", not COMPROMISED: decrypt exceptions"
              + " exist only for compromised versions"
              + (version.state().mayProcess() ? "; it decrypts already" : ""));
    }
    int hours = wholeNumber("hours", hoursValue, KeyDecryptExceptionProcess.MAX_HOURS);
    return new Accepted(key, version, hours, RequestInputs.reason(reason));
  }

  private static int wholeNumber(String name, Object value, int max) {
    String text =
        value instanceof Number n
            ? String.valueOf(n.longValue())
            : value instanceof String s ? s.strip() : "";
    if (!text.matches("[1-9][0-9]{0,8}") || Long.parseLong(text) > max) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          name + " must be a whole number from 1" + (max == Integer.MAX_VALUE ? "" : " to " + max));
    }
    return Integer.parseInt(text);
  }

  /**
   * Opens the approved exception until now plus the hours the request recorded; writes {@code
   * KEY_DECRYPT_EXCEPTION_OPENED} citing the request and its approval. Idempotent.
   *
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no approval (nothing is
   *     opened)
   */
  @Transactional
  public Instant open(String processInstanceId) {
    Approved approved = steps.approved(PHASE, processInstanceId, 1, "open the decrypt exception");
    LedgerEntry request = approved.request();
    KeyDecryptExceptionRequested details = approved.details(KeyDecryptExceptionRequested.class);
    Instant expiresAt = clock.instant().plus(Duration.ofHours(details.hours()));
    exceptions.open(
        approved.keyId(),
        approved.versionId(),
        processInstanceId,
        approved.requestedBy(),
        approved.approvedBy(),
        expiresAt);
    steps.record(
        steps
            .outcome(LedgerAction.KEY_DECRYPT_EXCEPTION_OPENED, approved)
            .key(approved.keyId(), request.keyAlias())
            .version(approved.versionId(), request.versionNumber())
            .details(
                new KeyDecryptExceptionOpened(
                    expiresAt,
                    approved.approvers(),
                    approved.requestSeq(),
                    approved.approvalSeqs()))
            .build());
    return expiresAt;
  }

  /**
   * Closes the exception when its time is up; writes {@code KEY_DECRYPT_EXCEPTION_EXPIRED} once. It
   * reads the request without asking for its approval again: closing takes a right away, and must
   * never be refused.
   */
  @Transactional
  public void close(String processInstanceId) {
    if (!exceptions.close(processInstanceId)) {
      return;
    }
    LedgerEntry request = requests.find(processInstanceId, PHASE.requested());
    steps.record(
        LedgerEvent.builder(LedgerAction.KEY_DECRYPT_EXCEPTION_EXPIRED, "system:decrypt-exception")
            .key(UUID.fromString(request.keyId()), request.keyAlias())
            .version(UUID.fromString(request.versionId()), request.versionNumber())
            .processInstance(processInstanceId)
            .details(new KeyDecryptExceptionExpired())
            .build());
  }
}
