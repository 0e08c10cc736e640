package io.keyflow.lifecycle.generation;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyRefusal;
import io.keyflow.key.KeyRepository;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final KeyRepository keys;
  private final KeyPolicies policies;
  private final KeyVault vault;
  private final Ledger ledger;
  private final Clock clock;

  KeyGenerationService(
      KeyRequestValidator validator,
      KeyRepository keys,
      KeyPolicies policies,
      KeyVault vault,
      Ledger ledger,
      Clock clock) {
    this.validator = validator;
    this.keys = keys;
    this.policies = policies;
    this.vault = vault;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Validates a request. A refusal is written to the ledger (with the reason) and rethrown; an
   * accepted request is written as {@code KEY_GENERATION_REQUESTED}.
   *
   * @param anotherRequestRunning whether another generation for the same alias is in progress
   */
  @Transactional(noRollbackFor = KeyRefusal.class)
  public KeyRequest request(
      String alias,
      String purpose,
      String algorithm,
      Boolean exportable,
      String justification,
      String requestedBy,
      boolean anotherRequestRunning,
      String processInstanceId) {
    return request(alias, purpose, algorithm, exportable, justification, null, requestedBy, anotherRequestRunning,
        processInstanceId);
  }

  /** As above, for a key used in {@code environment} (PRODUCTION or TEST; missing means PRODUCTION). */
  @Transactional(noRollbackFor = KeyRefusal.class)
  public KeyRequest request(
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
          validator.validate(alias, purpose, algorithm, exportable, justification, requestedBy, environment);
      if (keys.findByAlias(request.alias()).isPresent()) {
        throw new KeyRefusal(KeyRefusal.Kind.CONFLICT, "A key with alias '" + request.alias() + "' already exists");
      }
      if (anotherRequestRunning) {
        throw new KeyRefusal(
            KeyRefusal.Kind.CONFLICT, "Another generation request for alias '" + request.alias() + "' is in progress");
      }
      ledger.append(
          new LedgerEvent(requestedBy, LedgerAction.KEY_GENERATION_REQUESTED, null, request.alias(), null, null,
              processInstanceId, describe(request)));
      return request;
    } catch (KeyRefusal refusal) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("reason", refusal.getMessage());
      details.put("purpose", purpose);
      details.put("algorithm", algorithm);
      ledger.append(
          new LedgerEvent(
              requestedBy == null ? "anonymous" : requestedBy,
              LedgerAction.KEY_GENERATION_REFUSED, null,
              alias == null || alias.length() > 64 ? null : alias, null, null, processInstanceId, details));
      throw refusal;
    }
  }

  /**
   * Generates (or, on a retry, finds) the key in the vault. Idempotent by {@code versionId}: the
   * version's UUID is the object's id, so a second call returns the object the first one made.
   */
  public VaultKey generateInVault(UUID versionId, String label, KeyAlgorithm algorithm, boolean exportable) {
    return vault.generate(new KeySpec(versionId, label, algorithm, exportable));
  }

  /**
   * Records version {@code number} of a key as ACTIVE and primary, with provenance and KCV read back
   * from the vault; creates the managed key for version 1. Writes {@code KEY_GENERATED}.
   *
   * @throws KeyVaultException.KeyNotFound if the vault does not hold the key (nothing is recorded)
   */
  @Transactional
  public KeyVersion recordGenerated(
      KeyRequest request, UUID keyId, UUID versionId, String approvedBy, String processInstanceId) {
    VaultKey inVault = vault.find(versionId).orElseThrow(() -> new KeyVaultException.KeyNotFound(versionId));
    Instant now = clock.instant();
    KeyPolicy policy = policies.forPurpose(request.purpose());
    ManagedKey key =
        new ManagedKey(
            keyId, request.alias(), request.purpose(), request.algorithm(), request.requestedBy(),
            request.exportable(), policy.encryptPeriod(), policy.retention(), request.justification(), null, now,
            request.environment());
    keys.insert(key);
    KeyVersion version =
        KeyVersion.activated(
            versionId, keyId, 1, vault.backend(), inVault.label(), inVault.kcv(), inVault.provenance(), now,
            policy.encryptPeriod(), request.requestedBy(), approvedBy, processInstanceId);
    keys.insert(version);
    keys.setPrimaryVersion(keyId, versionId);
    Map<String, Object> details = describe(request);
    details.put("kcv", version.kcv());
    details.put("vaultBackend", version.vaultBackend());
    details.put("hsmLabel", version.hsmLabel());
    details.put("approvedBy", approvedBy);
    details.put("protectStop", version.protectStopAt().toString());
    details.put("neverExtractable", version.provenance().neverExtractable());
    details.put("local", version.provenance().local());
    ledger.append(
        new LedgerEvent(request.requestedBy(), LedgerAction.KEY_GENERATED, keyId, request.alias(), versionId, 1,
            processInstanceId, details));
    return version;
  }

  private static Map<String, Object> describe(KeyRequest request) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("purpose", request.purpose().name());
    details.put("algorithm", Algorithms.name(request.algorithm()));
    details.put("exportable", request.exportable());
    details.put("environment", request.environment().name());
    details.put("justification", request.justification());
    return details;
  }
}
