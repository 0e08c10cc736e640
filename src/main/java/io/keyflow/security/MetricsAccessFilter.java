package io.keyflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Prometheus scrape endpoint tells how many keys of which purpose exist and how the HSM
 * behaves: it is for auditors, officers and administrators, authenticated by {@link
 * BasicAuthenticationFilter} before this filter runs. Anyone else gets a 403 problem-details body
 * naming the roles.
 */
class MetricsAccessFilter extends OncePerRequestFilter {

  static final Set<String> ALLOWED =
      Set.of(Role.AUDITOR.groupId(), Role.SECURITY_OFFICER.groupId(), Role.ADMIN.groupId());

  private final IdentityService identityService;

  MetricsAccessFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = identityService.getCurrentAuthentication();
    List<String> groups =
        authentication == null || authentication.getGroupIds() == null
            ? List.of()
            : authentication.getGroupIds();
    if (groups.stream().anyMatch(ALLOWED::contains)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"The metrics are"
                + " for the roles auditor, security-officer and camunda-admin; ask an administrator for one of them.\"}")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
