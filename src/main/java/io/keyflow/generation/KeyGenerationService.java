package io.keyflow.generation;

import io.keyflow.approval.ApprovalGuard;
import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.ApprovalService;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Algorithms;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.ledger.details.KeyGenerationRefused;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.shared.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key generation (procedure 4.1): checks a request against policy and the inventory, generates the
 * key in the vault, and records the new version with the provenance and check value read back from
 * the vault. Every step writes its ledger entry in the same transaction.
 */
@Service
public class KeyGenerationService {

  private final KeyRequestValidator validator;
  private final Keys keys;
  private final KeyPolicies policies;
  private final KeyVault vault;
  private final Ledger ledger;
  private final RequestEntries requests;
  private final ApprovalService approvals;
  private final ApprovalGuard guard;
  private final Clock clock;

  KeyGenerationService(
      KeyRequestValidator validator,
      Keys keys,
      KeyPolicies policies,
      KeyVault vault,
      Ledger ledger,
      RequestEntries requests,
      ApprovalService approvals,
      ApprovalGuard guard,
      Clock clock) {
    this.validator = validator;
    this.keys = keys;
    this.policies = policies;
    this.vault = vault;
    this.ledger = ledger;
    this.requests = requests;
    this.approvals = approvals;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * A request as accepted at its check, with the ids fixed for every later step and retry.
   *
   * @param label the vault label of version 1
   */
  public record AcceptedRequest(KeyRequest request, UUID keyId, UUID versionId, String label) {}

  /**
   * Validates a request. A refusal is written to the ledger (with the reason) and rethrown; an
   * accepted request gets its key and version ids and is written as {@code
   * KEY_GENERATION_REQUESTED} — the record that the steps after the approval act on.
   *
   * @param environment PRODUCTION or TEST; missing means PRODUCTION
   * @param anotherRequestRunning whether another generation for the same alias is in progress
   */
  @Transactional(noRollbackFor = Refusal.class)
  public AcceptedRequest request(
      String alias,
      String purpose,
      String algorithm,
      Boolean exportable,
      String justification,
      String environment,
      String requestedBy,
      boolean anotherRequestRunning,
      String processInstanceId) {
    try {
      KeyRequest request =
          validator.validate(
              alias, purpose, algorithm, exportable, justification, requestedBy, environment);
      if (keys.findByAlias(request.alias()).isPresent()) {
        throw new Refusal(
            Refusal.Kind.CONFLICT, "A key with alias '" + request.alias() + "' already exists");
      }
      if (anotherRequestRunning) {
        throw new Refusal(
            Refusal.Kind.CONFLICT,
            "Another generation request for alias '" + request.alias() + "' is in progress");
      }
      AcceptedRequest accepted =
          new AcceptedRequest(
              request, UUID.randomUUID(), UUID.randomUUID(), KeyRequest.label(request.alias(), 1));
      ledger.append(
          new LedgerEvent(
              requestedBy,
              LedgerAction.KEY_GENERATION_REQUESTED,
              accepted.keyId(),
              request.alias(),
              accepted.versionId(),
              1,
              processInstanceId,
              new KeyGenerationRequested(
                  request.purpose().name(),
                  Algorithms.name(request.algorithm()),
                  request.exportable(),
                  request.environment().name(),
                  request.justification(),
                  accepted.label())));
      return accepted;
    } catch (Refusal refusal) {
      ledger.append(
          new LedgerEvent(
              requestedBy == null ? "anonymous" : requestedBy,
              LedgerAction.KEY_GENERATION_REFUSED,
              null,
              alias == null || alias.length() > 64 ? null : alias,
              null,
              null,
              processInstanceId,
              new KeyGenerationRefused(refusal.getMessage(), purpose, algorithm)));
      throw refusal;
    }
  }

  /**
   * Generates (or, on a retry, finds) the key in the vault. Idempotent by {@code versionId}: the
   * version's UUID is the object's id, so a second call returns the object the first one made.
   */
  public VaultKey generateInVault(
      UUID versionId,
      String label,
      KeyAlgorithm algorithm,
      boolean exportable,
      KeyPurpose purpose) {
    return vault.generate(
        new KeySpec(versionId, label, algorithm, exportable, purpose.vaultRole()));
  }

  /**
   * The request this process instance accepted, read back from its {@code KEY_GENERATION_REQUESTED}
   * ledger entry rather than from process variables, which whoever completes a task can overwrite:
   * what the officer approved is exactly what the vault generates.
   */
  public AcceptedRequest accepted(String processInstanceId) {
    LedgerEntry entry = requests.find(processInstanceId, LedgerAction.KEY_GENERATION_REQUESTED);
    KeyGenerationRequested details = entry.details(KeyGenerationRequested.class);
    KeyRequest request =
        new KeyRequest(
            entry.keyAlias(),
            KeyPurpose.valueOf(details.purpose()),
            Algorithms.parse(details.algorithm()),
            Boolean.TRUE.equals(details.exportable()),
            details.justification(),
            entry.actor(),
            Environment.parse(details.environment()));
    return new AcceptedRequest(
        request,
        UUID.fromString(entry.keyId()),
        UUID.fromString(entry.versionId()),
        details.hsmLabel());
  }

  /**
   * Generates (or, on a retry, finds) the accepted request's key in the vault, once the ledger
   * shows its approval.
   *
   * @throws io.keyflow.approval.ApprovalMissing when it does not (nothing is generated)
   */
  public VaultKey generateInVault(String processInstanceId) {
    guard.requireApprovals(ApprovalPhase.GENERATION, processInstanceId, 1, "generate the key");
    AcceptedRequest accepted = accepted(processInstanceId);
    return generateInVault(
        accepted.versionId(),
        accepted.label(),
        accepted.request().algorithm(),
        accepted.request().exportable(),
        accepted.request().purpose());
  }

  /**
   * Records the accepted request's key as version 1, ACTIVE and primary, with provenance and KCV
   * read back from the vault and the approvers from the ledger. Writes {@code KEY_GENERATED}.
   *
   * @throws KeyVaultException.KeyNotFound if the vault does not hold the key (nothing is recorded)
   */
  @Transactional
  public KeyVersion recordGenerated(String processInstanceId) {
    AcceptedRequest accepted = accepted(processInstanceId);
    String approvedBy = String.join(",", approvals.approversSoFar(processInstanceId));
    if (approvedBy.isEmpty()) {
      throw new IllegalStateException(
          "Process instance " + processInstanceId + " has no recorded approval");
    }
    return recordGenerated(
        accepted.request(), accepted.keyId(), accepted.versionId(), approvedBy, processInstanceId);
  }

  /**
   * Records a key the vault holds as version 1 of a new managed key, ACTIVE and primary; the caller
   * vouches for the request and its approval.
   */
  @Transactional
  public KeyVersion recordGenerated(
      KeyRequest request, UUID keyId, UUID versionId, String approvedBy, String processInstanceId) {
    VaultKey inVault =
        vault.find(versionId).orElseThrow(() -> new KeyVaultException.KeyNotFound(versionId));
    Instant now = clock.instant();
    KeyPolicy policy = policies.forPurpose(request.purpose());
    ManagedKey key =
        new ManagedKey(
            keyId,
            request.alias(),
            request.purpose(),
            request.algorithm(),
            request.requestedBy(),
            request.exportable(),
            policy.encryptPeriod(),
            policy.retention(),
            request.justification(),
            null,
            now,
            request.environment());
    KeyVersion version =
        KeyVersion.activated(
            versionId,
            keyId,
            1,
            vault.backend(),
            inVault.label(),
            inVault.kcv(),
            inVault.provenance(),
            now,
            policy.encryptPeriod(),
            request.requestedBy(),
            approvedBy,
            processInstanceId);
    keys.recordNewKey(key, version);
    ledger.append(
        new LedgerEvent(
            request.requestedBy(),
            LedgerAction.KEY_GENERATED,
            keyId,
            request.alias(),
            versionId,
            1,
            processInstanceId,
            new KeyGenerated(
                request.purpose().name(),
                Algorithms.name(request.algorithm()),
                request.exportable(),
                request.environment().name(),
                request.justification(),
                version.kcv(),
                version.vaultBackend(),
                version.hsmLabel(),
                approvedBy,
                version.protectStopAt(),
                version.provenance().neverExtractable(),
                version.provenance().local())));
    return version;
  }
}
