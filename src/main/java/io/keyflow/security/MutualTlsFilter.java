package io.keyflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the two ports apart. The distribution port serves package pickups, the listing of waiting
 * packages and the crypto API of systems ({@link MutualTlsPaths}) and nothing else (every other
 * path is 404 there, so Tasklist, Cockpit and the management REST APIs are never reachable with a
 * mere client certificate); a pickup path on the ordinary port is refused with 403 — no password
 * challenge, since no password would help — so a package never travels without mutual TLS. The
 * crypto API stays on the ordinary port too, for {@code key-user} logins.
 */
class MutualTlsFilter extends OncePerRequestFilter {

  static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private final MutualTlsPort tls;

  MutualTlsFilter(MutualTlsPort tls) {
    this.tls = tls;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean pickup = MutualTlsPaths.isPickup(request);
    if (tls.carried(request)) {
      if (!pickup && !MutualTlsPaths.isSystemApi(request)) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentLength(0);
        return;
      }
      if (request.getAttribute(CERTIFICATE_ATTRIBUTE) == null) {
        refuse(
            response,
            pickup
                ? "A client certificate is required: packages are listed and picked up over mutual TLS"
                : "A client certificate is required: systems authenticate with it on this port");
        return;
      }
    } else if (pickup) {
      refuse(
          response,
          tls.port() > 0
              ? "Packages are listed and picked up only over mutual TLS on the distribution port, with the recipient's registered client certificate"
              : "Package pickup over mutual TLS is not enabled on this server (keyflow.distribution.tls.port)");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, String detail) throws IOException {
    byte[] body =
        ("{\"type\":\"https://keyflow.io/problems/mutual-tls-required\",\"title\":\"Mutual TLS required\","
                + "\"status\":403,\"detail\":\""
                + detail
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
