package io.keyflow.generation;

import io.keyflow.approval.ApprovalPhase;
import io.keyflow.approval.Approved;
import io.keyflow.approval.OtherInstances;
import io.keyflow.approval.PhaseSteps;
import io.keyflow.approval.Requester;
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
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyGenerated;
import io.keyflow.ledger.details.KeyGenerationRefused;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.shared.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key generation (procedure 4.1): checks a request against policy and the inventory, generates the
 * key in the vault, and records the new version with the provenance and check value read back from
 * the vault. Every step writes its ledger entry in the same transaction; the request, refusal and
 * approval steps are the ones every phase shares ({@link PhaseSteps}).
 */
@Service
public class KeyGenerationService {

  private static final ApprovalPhase PHASE = ApprovalPhase.GENERATION;

  private final Keys keys;
  private final KeyPolicies policies;
  private final KeyRequestValidator validator;
  private final KeyVault vault;
  private final PhaseSteps steps;
  private final Clock clock;

  KeyGenerationService(
      Keys keys, KeyPolicies policies, KeyVault vault, PhaseSteps steps, Clock clock) {
    this.keys = keys;
    this.policies = policies;
    this.validator = new KeyRequestValidator(policies);
    this.vault = vault;
    this.steps = steps;
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
   * @param others asked whether another generation for the same alias is in progress
   */
  @Transactional(noRollbackFor = Refusal.class)
  public AcceptedRequest request(
      Requester requester,
      String alias,
      String purpose,
      String algorithm,
      Boolean exportable,
      String justification,
      String environment,
      OtherInstances others) {
    return steps.request(
        PHASE,
        requester,
        alias == null || alias.length() > 64 ? null : alias,
        requestedBy ->
            accept(
                validator.validate(
                    alias, purpose, algorithm, exportable, justification, requestedBy, environment),
                others),
        accepted -> requested(requester, accepted),
        refusal -> new KeyGenerationRefused(refusal.getMessage(), purpose, algorithm));
  }

  private AcceptedRequest accept(KeyRequest request, OtherInstances others) {
    if (keys.findByAlias(request.alias()).isPresent()) {
      throw new Refusal(
          Refusal.Kind.CONFLICT, "A key with alias '" + request.alias() + "' already exists");
    }
    if (others.running(request.alias())) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "Another generation request for alias '" + request.alias() + "' is in progress");
    }
    return new AcceptedRequest(
        request, UUID.randomUUID(), UUID.randomUUID(), KeyRequest.label(request.alias(), 1));
  }

  private LedgerEvent requested(Requester requester, AcceptedRequest accepted) {
    KeyRequest request = accepted.request();
    return steps
        .requested(PHASE, requester)
        .key(accepted.keyId(), request.alias())
        .version(accepted.versionId(), 1)
        .details(
            new KeyGenerationRequested(
                request.purpose().name(),
                Algorithms.name(request.algorithm()),
                request.exportable(),
                request.environment().name(),
                request.justification(),
                accepted.label()))
        .build();
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
   * Generates (or, on a retry, finds) the accepted request's key in the vault, once the ledger
   * shows its approval.
   *
   * @throws io.keyflow.approval.ApprovalMissing when it does not (nothing is generated)
   */
  public VaultKey generateInVault(String processInstanceId) {
    AcceptedRequest accepted =
        accepted(steps.approved(PHASE, processInstanceId, 1, "generate the key"));
    return generateInVault(
        accepted.versionId(),
        accepted.label(),
        accepted.request().algorithm(),
        accepted.request().exportable(),
        accepted.request().purpose());
  }

  /**
   * Records the accepted request's key as version 1, ACTIVE and primary, with provenance and KCV
   * read back from the vault and the approvers from the ledger. Writes {@code KEY_GENERATED},
   * citing the request and approval entries.
   *
   * @throws io.keyflow.approval.ApprovalMissing when the ledger shows no approval (nothing is
   *     recorded)
   * @throws KeyVaultException.KeyNotFound if the vault does not hold the key (nothing is recorded)
   */
  @Transactional
  public KeyVersion recordGenerated(String processInstanceId) {
    Approved approved = steps.approved(PHASE, processInstanceId, 1, "record the key");
    AcceptedRequest accepted = accepted(approved);
    return record(
        accepted.request(),
        accepted.keyId(),
        accepted.versionId(),
        approved.approvedBy(),
        processInstanceId,
        approved.requestSeq(),
        approved.approvalSeqs());
  }

  /**
   * Records a key the vault holds as version 1 of a new managed key, ACTIVE and primary; the caller
   * vouches for the request and its approval.
   */
  @Transactional
  public KeyVersion recordGenerated(
      KeyRequest request, UUID keyId, UUID versionId, String approvedBy, String processInstanceId) {
    return record(request, keyId, versionId, approvedBy, processInstanceId, null, null);
  }

  /**
   * The request this process instance accepted, read back from its {@code KEY_GENERATION_REQUESTED}
   * ledger entry rather than from process variables, which whoever completes a task can overwrite:
   * what the officer approved is exactly what the vault generates.
   */
  private static AcceptedRequest accepted(Approved approved) {
    KeyGenerationRequested details = approved.details(KeyGenerationRequested.class);
    KeyRequest request =
        new KeyRequest(
            approved.request().keyAlias(),
            KeyPurpose.valueOf(details.purpose()),
            Algorithms.parse(details.algorithm()),
            Boolean.TRUE.equals(details.exportable()),
            details.justification(),
            approved.requestedBy(),
            Environment.parse(details.environment()));
    return new AcceptedRequest(request, approved.keyId(), approved.versionId(), details.hsmLabel());
  }

  private KeyVersion record(
      KeyRequest request,
      UUID keyId,
      UUID versionId,
      String approvedBy,
      String processInstanceId,
      Long requestSeq,
      List<Long> approvalSeqs) {
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
    steps.record(
        LedgerEvent.builder(LedgerAction.KEY_GENERATED, request.requestedBy())
            .key(keyId, request.alias())
            .version(versionId, 1)
            .processInstance(processInstanceId)
            .details(
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
                    version.provenance().local(),
                    requestSeq,
                    approvalSeqs))
            .build());
    return version;
  }
}
