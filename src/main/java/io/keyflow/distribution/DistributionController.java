package io.keyflow.distribution;

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
 * Distribution packages for engineering, officers and auditors: metadata and receipts, never the
 * wrapped bytes (those go only to the recipient, over mutual TLS).
 */
@RestController
@RequestMapping("/api/distribution")
class DistributionController {

  /** A package without its wrapped bytes. */
  record PackageView(
      UUID id,
      String alias,
      UUID keyId,
      UUID versionId,
      int version,
      String kcv,
      String recipient,
      String mechanism,
      String oaepHash,
      String kekAlias,
      String state,
      Instant createdAt,
      Instant expiresAt,
      Instant pickedUpAt,
      String tlsProtocol,
      String tlsCipherSuite,
      String peerCertificateSha256,
      Instant expiredAt,
      String requestedBy,
      String approvedBy,
      String processInstanceId,
      String pickupPath) {

    static PackageView of(DistributionPackage p) {
      return new PackageView(
          p.id(),
          p.keyAlias(),
          p.keyId(),
          p.versionId(),
          p.versionNumber(),
          p.kcv(),
          p.recipientName(),
          p.mechanism(),
          p.oaepHash(),
          p.kekAlias(),
          p.state().name(),
          p.createdAt(),
          p.expiresAt(),
          p.pickedUpAt(),
          p.tlsProtocol(),
          p.tlsCipherSuite(),
          p.peerCertificateSha256(),
          p.expiredAt(),
          p.requestedBy(),
          p.approvedBy(),
          p.processInstanceId(),
          "/api/distribution/" + p.id() + "/package");
    }
  }

  private final DistributionService distribution;
  private final AccessGuard access;

  DistributionController(DistributionService distribution, AccessGuard access) {
    this.distribution = distribution;
    this.access = access;
  }

  @GetMapping
  List<PackageView> packages(
      @RequestParam(required = false) String alias,
      @RequestParam(required = false) String recipient,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return distribution.find(alias, recipient, limit).stream().map(PackageView::of).toList();
  }

  @GetMapping("/{packageId}")
  PackageView one(@PathVariable UUID packageId) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return distribution
        .find(packageId)
        .map(PackageView::of)
        .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "No package " + packageId));
  }
}
