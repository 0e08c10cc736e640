package io.keyflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Who is logged in to Cockpit in the request's HTTP session, for the Keyflow Cockpit plugin's calls
 * to {@code /api}. Only safe, read-only requests qualify ({@code GET}, {@code HEAD}), so a forged
 * cross-site form can change nothing and no CSRF token is needed; only users whom the engine
 * authorised for the Cockpit app qualify, so a Tasklist session (e.g. a key user's) does not.
 */
final class CockpitSession {

  private static final Set<String> READ_ONLY = Set.of("GET", "HEAD");
  private static final String COCKPIT = "cockpit";

  private final String engineName;

  CockpitSession(String engineName) {
    this.engineName = engineName;
  }

  /** The Cockpit user of the request's session, or null when the request does not qualify. */
  String userOf(HttpServletRequest request) {
    if (!READ_ONLY.contains(request.getMethod())
        || !request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      return null;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication =
        authentications == null
            ? null
            : authentications.getAuthenticationForProcessEngine(engineName);
    if (authentication instanceof UserAuthentication user && user.isAuthorizedForApp(COCKPIT)) {
      return user.getIdentityId();
    }
    return null;
  }
}
