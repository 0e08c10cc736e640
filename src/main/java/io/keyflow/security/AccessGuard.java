package io.keyflow.security;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Answers who is calling and refuses callers without the needed role. The caller comes from the
 * engine's identity service, which the authentication filter sets for every {@code /api} and {@code
 * /engine-rest} request.
 */
@Component
public class AccessGuard {

  private final IdentityService identityService;

  AccessGuard(IdentityService identityService) {
    this.identityService = identityService;
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
