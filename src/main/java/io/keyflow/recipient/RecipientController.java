package io.keyflow.recipient;

import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The recipient registry: security officers register, update and revoke recipient systems;
 * engineering, officers and auditors read it. Refusals are problem details (422 bad input or
 * policy, 404 unknown, 409 conflicts); nothing changes on a refusal.
 */
@RestController
@RequestMapping("/api/recipients")
class RecipientController {

  /** The body of a revocation. */
  record Revocation(String reason) {}

  private final RecipientRegistry registry;
  private final AccessGuard access;

  RecipientController(RecipientRegistry registry, AccessGuard access) {
    this.registry = registry;
    this.access = access;
  }

  @GetMapping
  List<RecipientView> all() {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return registry.all().stream().map(RecipientView::of).toList();
  }

  @GetMapping("/{name}")
  RecipientView one(@PathVariable String name) {
    access.require(Role.SECURITY_ENGINEERING, Role.SECURITY_OFFICER, Role.AUDITOR);
    return RecipientView.of(registry.get(name));
  }

  @PostMapping
  ResponseEntity<RecipientView> register(@RequestBody RecipientRegistry.Registration registration) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    Recipient recipient = registry.register(registration, officer);
    return ResponseEntity.created(URI.create("/api/recipients/" + recipient.name()))
        .body(RecipientView.of(recipient));
  }

  @PutMapping("/{name}")
  RecipientView update(
      @PathVariable String name, @RequestBody RecipientRegistry.Registration registration) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    return RecipientView.of(registry.update(name, registration, officer));
  }

  @PostMapping("/{name}/revoke")
  RecipientView revoke(
      @PathVariable String name, @RequestBody(required = false) Revocation revocation) {
    String officer = access.require(Role.SECURITY_OFFICER).userId();
    return RecipientView.of(
        registry.revoke(name, revocation == null ? null : revocation.reason(), officer));
  }
}
