package io.keyflow.storage;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import io.keyflow.shared.Refusal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Storage attestations for officers, engineering and auditors: each run's findings in their
 * canonical JSON form, whose SHA-256 the ledger's KEY_STORAGE_ATTESTED entry records (so anyone can
 * recompute it), and who attested when.
 */
@RestController
@RequestMapping("/api/storage/attestations")
class StorageAttestationController {

  record AttestationView(
      UUID id,
      String processInstanceId,
      String requestedBy,
      String vaultBackend,
      Instant reconciledAt,
      int findingCount,
      int driftCount,
      String findingsSha256,
      String attestedBy,
      Instant attestedAt,
      String comment,
      String findings) {

    static AttestationView of(StorageAttestation a, boolean withFindings) {
      return new AttestationView(
          a.id(),
          a.processInstanceId(),
          a.requestedBy(),
          a.vaultBackend(),
          a.reconciledAt(),
          a.findingCount(),
          a.driftCount(),
          a.findingsSha256(),
          a.attestedBy(),
          a.attestedAt(),
          a.comment(),
          withFindings ? a.findingsJson() : null);
    }
  }

  private final StorageAttestationService attestations;
  private final AccessGuard access;

  StorageAttestationController(StorageAttestationService attestations, AccessGuard access) {
    this.attestations = attestations;
    this.access = access;
  }

  @GetMapping
  List<AttestationView> recent(@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return attestations.recent(limit).stream().map(a -> AttestationView.of(a, false)).toList();
  }

  @GetMapping("/{id}")
  AttestationView one(@PathVariable UUID id) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return attestations
        .find(id)
        .map(a -> AttestationView.of(a, true))
        .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "No storage attestation " + id));
  }
}
