package io.keyflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against the engine's identity service, for Keyflow's {@code /api} and
 * Camunda's {@code /engine-rest}. Camunda leaves its REST API open to anonymous callers and skips
 * authorization checks for them; this filter closes it. A missing or wrong credential gets a bare
 * 401 (no body, no hint whether the user exists). The authenticated user and its groups are set on
 * the identity service for the request, so engine authorization checks and the user-operation log
 * see the real caller.
 *
 * <p>Package pickups ({@link MutualTlsPaths}) are not password-protected: recipients authenticate
 * with their client certificate over mutual TLS instead, which {@link MutualTlsFilter} enforces.
 * Neither is a system that {@link SystemCertificateFilter} authenticated by its certificate on the
 * mutual-TLS port.
 *
 * <p>A read-only request to Keyflow's {@code /api} without an Authorization header is also accepted
 * from a Cockpit session ({@link CockpitSession}): the Keyflow Cockpit plugin runs in the auditor's
 * Cockpit page, which holds only the webapp's session cookie, and must not ask for a second login.
 */
class BasicAuthenticationFilter extends OncePerRequestFilter {

  static final String CHALLENGE = "Basic realm=\"keyflow\", charset=\"UTF-8\"";

  private final IdentityService identityService;
  private final CockpitSession cockpitSession;

  public BasicAuthenticationFilter(IdentityService identityService, String engineName) {
    this.identityService = identityService;
    this.cockpitSession = new CockpitSession(engineName);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return MutualTlsPaths.isPickup(request)
        || request.getAttribute(SystemCertificateFilter.SYSTEM_ATTRIBUTE) != null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String userId = header == null ? cockpitSession.userOf(request) : null;
    if (userId == null) {
      String[] credentials = credentials(header);
      if (credentials == null || !passwordMatches(credentials[0], credentials[1])) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentLength(0);
        return;
      }
      userId = credentials[0];
    }
    List<String> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .toList();
    List<String> tenants =
        identityService
            .createTenantQuery()
            .userMember(userId)
            .includingGroupsOfUser(true)
            .list()
            .stream()
            .map(Tenant::getId)
            .toList();
    try {
      identityService.setAuthentication(userId, groups, tenants);
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private boolean passwordMatches(String user, String password) {
    if (user.isEmpty() || password.isEmpty()) {
      return false;
    }
    try {
      return identityService.checkPassword(user, password);
    } catch (RuntimeException e) {
      // An unknown user or a locked account is answered like a wrong password.
      return false;
    }
  }

  private static String[] credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? null
        : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }
}
