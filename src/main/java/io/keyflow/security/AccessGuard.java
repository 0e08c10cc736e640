package io.keyflow.security;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Answers who is calling and refuses callers without the needed role. The caller comes from the
 * engine's identity service, which the authentication filters set for every {@code /api} and {@code
 * /engine-rest} request. {@link #system()} answers which registered system is calling.
 */
@Component
public class AccessGuard {

  private final IdentityService identityService;
  private final SystemIdentities systems;

  AccessGuard(IdentityService identityService, SystemIdentities systems) {
    this.identityService = identityService;
    this.systems = systems;
  }

  /**
   * The name of the registered system making this call: the system whose live client certificate
   * authenticated it on the mutual-TLS port, or — on the ordinary port — the system named like the
   * {@code key-user} login. Refuses ({@link AccessDenied}, 403) a caller without the {@code
   * key-user} role, a login no system of that name is registered for, and a revoked system.
   */
  public String system() {
    CertifiedSystem certified = SystemCertificateFilter.current();
    if (certified != null) {
      return certified.system().name();
    }
    String login = require(Role.KEY_USER).userId();
    SystemIdentity system =
        systems
            .byName(login)
            .orElseThrow(
                () ->
                    new AccessDenied(
                        "The key-user login '"
                            + login
                            + "' is not a registered system: an officer registers a system of"
                            + " that name (POST /api/systems) before it uses keys"));
    if (system.revoked()) {
      throw new AccessDenied("System '" + login + "' is revoked and uses no keys");
    }
    return system.name();
  }

  /**
   * The certificate the calling system authenticated with on the mutual-TLS port; empty for a login
   * on the ordinary port.
   */
  public Optional<CertifiedSystem> systemCertificate() {
    return Optional.ofNullable(SystemCertificateFilter.current());
  }

  /** The authenticated caller; refuses when there is none. */
  public Caller caller() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new AccessDenied("No authenticated user");
    }
    return new Caller(
        authentication.getUserId(),
        authentication.getGroupIds() == null ? java.util.List.of() : authentication.getGroupIds());
  }

  /** The caller, if it holds one of the roles; otherwise {@link AccessDenied}. */
  public Caller require(Role... anyOf) {
    Caller caller = caller();
    if (!caller.hasAnyRole(anyOf)) {
      throw new AccessDenied(
          "This operation needs one of the roles "
              + Arrays.stream(anyOf).map(Role::groupId).collect(Collectors.joining(", ")));
    }
    return caller;
  }
}
