package io.keyflow.storage;

import io.keyflow.hsm.VaultObject;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.CanonicalForm;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyStorageAttested;
import io.keyflow.ledger.details.KeyStorageDriftDetected;
import io.keyflow.security.RoleMembership;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Sha256;
import io.keyflow.shared.Text;
import io.keyflow.storage.Finding.Kind;
import io.keyflow.storage.Finding.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Storage attestation (procedure 4.3): reconciles the vault with the inventory, keeps the findings
 * with the digest of their canonical form, writes every drift to the ledger at once ({@code
 * KEY_STORAGE_DRIFT_DETECTED}, before any officer looks), and records the officer's attestation
 * ({@code KEY_STORAGE_ATTESTED} with the digest).
 */
@Service
public class StorageAttestationService {

  private static final Logger log = LoggerFactory.getLogger(StorageAttestationService.class);

  public static final int MAX_COMMENT = 2000;

  private final Keys keys;
  private final VaultContents vault;
  private final AttestationRepository attestations;
  private final Ledger ledger;
  private final Clock clock;

  StorageAttestationService(
      Keys keys,
      VaultContents vault,
      AttestationRepository attestations,
      Ledger ledger,
      Clock clock) {
    this.keys = keys;
    this.vault = vault;
    this.attestations = attestations;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Reconciles the vault with the inventory and stores the findings; writes one {@code
   * KEY_STORAGE_DRIFT_DETECTED} entry per drifted version and one for all unknown objects.
   *
   * @param roles who holds the officer, engineering and admin roles, for the access review
   */
  @Transactional
  public AttestationReport reconcile(
      String processInstanceId, String requestedBy, List<RoleMembership> roles) {
    List<StorageReconciliation.Entry> inventory = new ArrayList<>();
    for (ManagedKey key : keys.findAll()) {
      keys.versions(key.id())
          .forEach(version -> inventory.add(new StorageReconciliation.Entry(key, version)));
    }
    VaultContents.Read held = vault.read();
    List<VaultObject> objects = held.objects();
    String backend = held.backend();
    List<Finding> findings =
        StorageReconciliation.reconcile(
            inventory, objects, backend, held.systemObjects(), held.systemRoles());

    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    long live = inventory.stream().filter(e -> e.version().state().isLive()).count();
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("attestationId", id);
    canonical.put("vaultBackend", backend);
    canonical.put("reconciledAt", CanonicalForm.formatTime(now));
    canonical.put("liveVersions", live);
    canonical.put("destroyedVersions", inventory.size() - live);
    canonical.put("vaultObjects", objects.size());
    canonical.put("findings", findings.stream().map(StorageAttestationService::json).toList());
    canonical.put("roles", roles.stream().map(StorageAttestationService::json).toList());
    String findingsJson = CanonicalForm.detailsJson(canonical);
    String digest = sha256(findingsJson);
    int drift = (int) findings.stream().filter(f -> f.severity() == Severity.DRIFT).count();
    attestations.insert(
        new StorageAttestation(
            id,
            processInstanceId,
            requestedBy,
            backend,
            now,
            findingsJson,
            digest,
            findings.size(),
            drift,
            null,
            null,
            null));

    recordDrift(id, findings, requestedBy, processInstanceId, backend);
    if (drift > 0) {
      log.warn(
          "Storage attestation {}: {} drift finding(s) between the {} vault and the inventory; an officer must review them",
          id,
          drift,
          backend);
    }
    return new AttestationReport(
        id,
        digest,
        findings.size(),
        drift,
        findingsText(id, findings, backend, now, live, inventory.size() - live, objects.size()),
        rolesText(roles));
  }

  /**
   * Records an officer's attestation of a reconciliation; idempotent (a repeated call for an
   * attested one does nothing).
   */
  @Transactional
  public void attest(UUID attestationId, String officer, String comment, String processInstanceId) {
    StorageAttestation attestation =
        attestations
            .lock(attestationId)
            .orElseThrow(
                () ->
                    new Refusal(Refusal.Kind.NOT_FOUND, "No storage attestation " + attestationId));
    if (attestation.attestedBy() != null) {
      return;
    }
    Instant now = clock.instant();
    String text = comment == null || comment.isBlank() ? null : comment.strip();
    attestations.attest(attestationId, officer, now, text);
    ledger.append(
        new LedgerEvent(
            officer,
            LedgerAction.KEY_STORAGE_ATTESTED,
            null,
            null,
            null,
            null,
            processInstanceId,
            new KeyStorageAttested(
                attestationId.toString(),
                attestation.findingsSha256(),
                attestation.findingCount(),
                attestation.driftCount(),
                attestation.vaultBackend(),
                attestation.reconciledAt(),
                attestation.requestedBy(),
                text)));
  }

  public Optional<StorageAttestation> find(UUID id) {
    return attestations.find(id);
  }

  public List<StorageAttestation> recent(int limit) {
    return attestations.recent(Math.max(1, Math.min(limit, 1000)));
  }

  private void recordDrift(
      UUID id, List<Finding> findings, String actor, String processInstanceId, String backend) {
    List<KeyStorageDriftDetected.DriftObject> unknown = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.severity() != Severity.DRIFT) {
        continue;
      }
      if (finding.keyAlias() == null) {
        unknown.add(
            new KeyStorageDriftDetected.DriftObject(
                finding.severity().name(),
                finding.kind().name(),
                Objects.toString(finding.keyId(), null),
                finding.keyAlias(),
                Objects.toString(finding.versionId(), null),
                finding.versionNumber(),
                finding.objectId(),
                finding.message()));
        continue;
      }
      ledger.append(
          new LedgerEvent(
              actor,
              LedgerAction.KEY_STORAGE_DRIFT_DETECTED,
              finding.keyId(),
              finding.keyAlias(),
              finding.versionId(),
              finding.versionNumber(),
              processInstanceId,
              new KeyStorageDriftDetected(
                  id.toString(),
                  finding.kind().name(),
                  finding.objectId(),
                  finding.message(),
                  backend,
                  null)));
    }
    if (!unknown.isEmpty()) {
      ledger.append(
          new LedgerEvent(
              actor,
              LedgerAction.KEY_STORAGE_DRIFT_DETECTED,
              null,
              null,
              null,
              null,
              processInstanceId,
              new KeyStorageDriftDetected(
                  id.toString(), Kind.UNKNOWN_OBJECT.name(), null, null, backend, unknown)));
    }
  }

  private static Map<String, Object> json(Finding f) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("severity", f.severity());
    map.put("kind", f.kind());
    map.put("keyId", f.keyId());
    map.put("keyAlias", f.keyAlias());
    map.put("versionId", f.versionId());
    map.put("versionNumber", f.versionNumber());
    map.put("objectId", f.objectId());
    map.put("message", f.message());
    return map;
  }

  private static Map<String, Object> json(RoleMembership r) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("group", r.group());
    map.put("members", r.members());
    map.put("groupAuthorizations", r.groupAuthorizations());
    map.put("userAuthorizations", r.userAuthorizations());
    return map;
  }

  static String findingsText(
      UUID id,
      List<Finding> findings,
      String backend,
      Instant at,
      long live,
      long destroyed,
      int objects) {
    long drift = findings.stream().filter(f -> f.severity() == Severity.DRIFT).count();
    StringBuilder text = new StringBuilder();
    text.append(
        drift > 0
            ? "DRIFT DETECTED: "
                + drift
                + " finding(s) need action (each is in the ledger as KEY_STORAGE_DRIFT_DETECTED).\n"
            : "No drift: every live version's object exists with the expected attributes and KCV, no object is unknown"
                + " to the inventory, and every destroyed version's object is gone.\n");
    text.append("Checked ")
        .append(live)
        .append(" live and ")
        .append(destroyed)
        .append(" destroyed version(s) against ")
        .append(objects)
        .append(" object(s) in the '")
        .append(backend)
        .append("' vault at ")
        .append(at)
        .append(".\n");
    for (Finding finding : findings) {
      text.append(finding.line()).append('\n');
    }
    return cap(text.toString(), id);
  }

  static String rolesText(List<RoleMembership> roles) {
    StringBuilder text = new StringBuilder();
    for (RoleMembership role : roles) {
      text.append(role.group())
          .append(": ")
          .append(role.members().isEmpty() ? "(nobody)" : String.join(", ", role.members()))
          .append('\n');
      for (String grant : role.groupAuthorizations()) {
        text.append("  ").append(grant).append('\n');
      }
      role.userAuthorizations()
          .forEach(
              (user, grants) ->
                  grants.forEach(
                      grant ->
                          text.append("  ").append(user).append(": ").append(grant).append('\n')));
    }
    return cap(text.toString(), null);
  }

  private static String cap(String text, UUID id) {
    return Text.fitVariable(
        text,
        "\n… (shortened; the complete findings: GET /api/storage/attestations"
            + (id == null ? "" : "/" + id)
            + ")");
  }

  static String sha256(String canonical) {
    return Sha256.hex(canonical);
  }
}
