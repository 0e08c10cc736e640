package io.keyflow.recipient;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.CertifiedSystem;
import io.keyflow.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry of systems, at {@code /api/systems} and — the same controller, for recipient agents
 * and scripts written before — {@code /api/recipients}: security officers register, update and
 * revoke systems and add and remove their client certificates; engineering, officers and auditors
 * read it; a calling system asks who it is ({@code GET /api/systems/self}). Refusals are problem
 * details (422 bad input or policy, 404 unknown, 409 conflicts); nothing changes on a refusal.
 */
@RestController
@RequestMapping({"/api/systems", "/api/recipients"})
class RecipientController {

  /** The body of a revocation. */
  record Revocation(String reason) {}

  /** The body of a certificate addition. */
  record NewCertificate(String certificatePem) {}

  /**
   * The body of a certificate removal.
   *
   * @param confirmLastCertificate must be true to remove the system's last live certificate
   */
  record CertificateRemoval(String reason, Boolean confirmLastCertificate) {}

  /**
   * Who is calling: the system's name and environment and, over mutual TLS, the certificate it
   * authenticated with.
   *
   * @param authenticatedBy {@code client-certificate} or {@code key-user-login}
   * @param certificateSha256 the certificate's fingerprint, null for a login
   */
  record Self(
      String name,
      String environment,
      String authenticatedBy,
      String certificateSha256,
      Instant certificateNotAfter) {}

  private final RecipientRegistry registry;
  private final AccessGuard access;

  RecipientController(RecipientRegistry registry, AccessGuard access) {
    this.registry = registry;
    this.access = access;
  }

  @GetMapping
  List<RecipientView> all() {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    Map<UUID, List<SystemCertificate>> live = registry.liveCertificatesBySystem();
    return registry.all().stream()
        .map(r -> RecipientView.of(r, live.getOrDefault(r.id(), List.of())))
        .toList();
  }

  /**
   * "Who am I" for a calling system (the reference endpoint of the crypto API's benchmark):
   * answered from the authenticated identity, no database read.
   */
  @GetMapping("/self")
  Self self() {
    String name = access.system();
    return access
        .systemCertificate()
        .map(
            (CertifiedSystem c) ->
                new Self(
                    name, c.system().environment(), "client-certificate", c.sha256(), c.notAfter()))
        .orElseGet(
            () ->
                new Self(
                    name, registry.get(name).environment().name(), "key-user-login", null, null));
  }

  @GetMapping("/{name}")
  RecipientView one(@PathVariable String name) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return view(registry.get(name));
  }

  /** A system's certificates, live and removed, oldest first. */
  @GetMapping("/{name}/certificates")
  List<RecipientView.CertificateView> certificates(@PathVariable String name) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return registry.certificates(registry.get(name)).stream()
        .map(RecipientView.CertificateView::of)
        .toList();
  }

  @PostMapping
  ResponseEntity<RecipientView> register(
      @RequestBody RecipientRegistry.Registration registration, HttpServletRequest request) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    Recipient recipient = registry.register(registration, officer);
    return ResponseEntity.created(URI.create(request.getServletPath() + "/" + recipient.name()))
        .body(view(recipient));
  }

  @PutMapping("/{name}")
  RecipientView update(
      @PathVariable String name, @RequestBody RecipientRegistry.Registration registration) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    return view(registry.update(name, registration, officer));
  }

  @PostMapping("/{name}/certificates")
  ResponseEntity<RecipientView> addCertificate(
      @PathVariable String name,
      @RequestBody(required = false) NewCertificate certificate,
      HttpServletRequest request) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    Recipient system =
        registry.addCertificate(
            name, certificate == null ? null : certificate.certificatePem(), officer);
    return ResponseEntity.created(
            URI.create(request.getServletPath() + "/" + system.certificateSha256()))
        .body(view(system));
  }

  @PostMapping("/{name}/certificates/{sha256}/remove")
  RecipientView removeCertificate(
      @PathVariable String name,
      @PathVariable String sha256,
      @RequestBody(required = false) CertificateRemoval removal) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    return view(
        registry.removeCertificate(
            name,
            sha256,
            removal == null ? null : removal.reason(),
            removal != null && Boolean.TRUE.equals(removal.confirmLastCertificate()),
            officer));
  }

  @PostMapping("/{name}/revoke")
  RecipientView revoke(
      @PathVariable String name, @RequestBody(required = false) Revocation revocation) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    return view(registry.revoke(name, revocation == null ? null : revocation.reason(), officer));
  }

  private RecipientView view(Recipient system) {
    return RecipientView.of(system, registry.liveCertificates(system));
  }
}
