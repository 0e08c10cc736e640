package io.keyflow.security;

import io.keyflow.shared.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a system by its client certificate on the mutual-TLS port, for the paths systems
 * call there ({@link MutualTlsPaths#isSystemApi}): the certificate is the identity. Its SHA-256
 * fingerprint must be a live certificate of a registered, non-revoked system, valid now; then the
 * request runs as that system (role {@code key-user}; {@link AccessGuard#system()} answers its
 * name). No password is checked and, within {@link SystemIdentities#MAX_AGE}, no database is asked.
 * Anything else is a 403 problem that says why, never naming another system.
 */
class SystemCertificateFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(SystemCertificateFilter.class);

  /** The request attribute holding the {@link CertifiedSystem} a request authenticated as. */
  static final String SYSTEM_ATTRIBUTE = SystemCertificateFilter.class.getName() + ".system";

  private static final ThreadLocal<CertifiedSystem> CURRENT = new ThreadLocal<>();

  private final MutualTlsPort tls;
  private final SystemIdentities identities;
  private final IdentityService identityService;
  private final Clock clock;

  SystemCertificateFilter(
      MutualTlsPort tls,
      SystemIdentities identities,
      IdentityService identityService,
      Clock clock) {
    this.tls = tls;
    this.identities = identities;
    this.identityService = identityService;
    this.clock = clock;
  }

  /** The system the current request authenticated as by certificate, or null. */
  static CertifiedSystem current() {
    return CURRENT.get();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !tls.carried(request) || !MutualTlsPaths.isSystemApi(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    X509Certificate leaf = leaf(request);
    if (leaf == null) {
      refuse(response, "A client certificate is required on this port");
      return;
    }
    String fingerprint;
    try {
      fingerprint = Sha256.hex(leaf.getEncoded());
    } catch (CertificateEncodingException e) {
      refuse(response, "The client certificate cannot be encoded");
      return;
    }
    CertifiedSystem system = identities.byCertificate(fingerprint).orElse(null);
    String refusal = refusal(system, clock.instant());
    if (refusal != null) {
      log.warn("System call refused for client certificate {}: {}", fingerprint, refusal);
      refuse(response, refusal);
      return;
    }
    request.setAttribute(SYSTEM_ATTRIBUTE, system);
    CURRENT.set(system);
    try {
      identityService.setAuthentication(
          system.system().name(), List.of(Role.KEY_USER.groupId()), List.of());
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
      CURRENT.remove();
    }
  }

  /** Why this certificate authenticates nobody, or null when it authenticates its system. */
  static String refusal(CertifiedSystem system, Instant now) {
    if (system == null) {
      return "This client certificate is not registered for any system; an officer must add it"
          + " to the system first";
    }
    if (system.removed()) {
      return "This client certificate was removed from its system and authenticates nobody; use a"
          + " live certificate of the system";
    }
    if (system.system().revoked()) {
      return "System '" + system.system().name() + "' is revoked and uses no keys";
    }
    if (now.isBefore(system.notBefore()) || now.isAfter(system.notAfter())) {
      return "This client certificate is not valid now (valid from "
          + system.notBefore()
          + " to "
          + system.notAfter()
          + ")";
    }
    return null;
  }

  private static X509Certificate leaf(HttpServletRequest request) {
    Object chain = request.getAttribute(MutualTlsFilter.CERTIFICATE_ATTRIBUTE);
    return chain instanceof X509Certificate[] certificates && certificates.length > 0
        ? certificates[0]
        : null;
  }

  private static void refuse(HttpServletResponse response, String detail) throws IOException {
    byte[] body =
        ("{\"type\":\"https://keyflow.io/problems/system-not-authenticated\","
                + "\"title\":\"System not authenticated\",\"status\":403,\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
