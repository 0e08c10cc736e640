package io.keyflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Under the production profile: every response over HTTPS carries HSTS, and a request that did not
 * arrive over HTTPS (possible only behind a declared TLS-terminating proxy, whose X-Forwarded-Proto
 * Tomcat believes from the trusted addresses only) is refused before it reaches a login or an API.
 * Health probes are exempt: they carry no credentials and show a status only, and orchestrators
 * call them on the pod's own address. Camunda Admin's initial-setup page and API are never offered:
 * the first administrator comes from the environment ({@link FirstAdministrator}).
 */
class TransportSecurityFilter extends OncePerRequestFilter {

  static final String HSTS = "max-age=31536000; includeSubDomains";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (isSetup(path)) {
      refuse(
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "Not Found",
          "Camunda Admin's initial setup is not offered"
              + " in production: the first administrator comes from KEYFLOW_ADMIN_ID and KEYFLOW_ADMIN_PASSWORD.");
      return;
    }
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", HSTS);
    } else if (!path.startsWith("/actuator/health")) {
      refuse(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "HTTPS required",
          "Keyflow accepts this request over"
              + " HTTPS only: send it to the https:// address of the TLS-terminating proxy.");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean isSetup(String path) {
    return path.startsWith("/camunda/api/admin/setup/")
        || path.matches("/camunda/app/admin/[^/]+/setup(/.*)?");
  }

  private static void refuse(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
