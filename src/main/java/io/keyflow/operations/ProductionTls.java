package io.keyflow.operations;

import io.keyflow.shared.StartupRefusal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The production profile's transport rules (CC6.7): officers' passwords and approvals never cross
 * the network in clear. Either the main port serves TLS 1.2+ with a modern cipher list, or the
 * operator declares a TLS-terminating proxy and the addresses it calls from; then only forwarded
 * headers from those addresses are believed, and a filter refuses what did not arrive over HTTPS.
 * Session cookies are Secure and HttpOnly in both cases.
 */
final class ProductionTls {

  static final String PROXY = "keyflow.tls.terminated-by-proxy";
  static final String TRUSTED_PROXIES = "keyflow.tls.trusted-proxies";
  static final String MODERN_CIPHERS =
      String.join(
          ",",
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private ProductionTls() {}

  /** Settings that hold whatever else is configured. */
  static Map<String, Object> enforced(ConfigurableEnvironment environment) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("server.servlet.session.cookie.secure", "true");
    settings.put("server.servlet.session.cookie.http-only", "true");
    settings.put("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "true");
    settings.put("camunda.bpm.webapp.csrf.enable-secure-cookie", "true");
    if (behindProxy(environment)) {
      String proxies = environment.getProperty(TRUSTED_PROXIES, "").strip();
      if (proxies.isEmpty()) {
        throw new StartupRefusal(
            "The production profile behind a TLS-terminating proxy needs the proxy's addresses,"
                + " so that forwarded headers from anyone else are ignored.",
            "Set " + TRUSTED_PROXIES + " (e.g. 10.0.0.5,10.0.0.6).");
      }
      settings.put("server.forward-headers-strategy", "native");
      settings.put("server.tomcat.remoteip.internal-proxies", addressPattern(proxies));
      settings.put("server.tomcat.remoteip.trusted-proxies", "");
      settings.put("server.tomcat.remoteip.remote-ip-header", "X-Forwarded-For");
      settings.put("server.tomcat.remoteip.protocol-header", "X-Forwarded-Proto");
      return settings;
    }
    if (!servesTls(environment)) {
      throw new StartupRefusal(
          "The production profile carries officers' passwords and approvals, so the"
              + " main port must serve TLS.",
          "Set server.ssl.certificate and server.ssl.certificate-private-key (or"
              + " server.ssl.key-store, or server.ssl.bundle), or, behind a TLS-terminating proxy, set "
              + PROXY
              + "=true and "
              + TRUSTED_PROXIES
              + ".");
    }
    String protocols = environment.getProperty("server.ssl.enabled-protocols", "");
    for (String protocol : protocols.split(",")) {
      String p = protocol.strip().toUpperCase(Locale.ROOT);
      if (p.startsWith("SSL") || p.equals("TLSV1") || p.equals("TLSV1.1")) {
        throw new StartupRefusal(
            "The production profile allows TLS 1.2 and 1.3 only, but"
                + " server.ssl.enabled-protocols lists "
                + protocol.strip()
                + ".",
            "Remove " + protocol.strip() + " from server.ssl.enabled-protocols (or unset it).");
      }
    }
    return settings;
  }

  /** Defaults an operator may override (still within the rules above). */
  static Map<String, Object> defaults(ConfigurableEnvironment environment) {
    Map<String, Object> settings = new HashMap<>();
    if (!behindProxy(environment)) {
      settings.put("server.ssl.enabled", "true");
      settings.put("server.ssl.enabled-protocols", "TLSv1.3,TLSv1.2");
      settings.put("server.ssl.ciphers", MODERN_CIPHERS);
    }
    return settings;
  }

  static boolean behindProxy(ConfigurableEnvironment environment) {
    return environment.getProperty(PROXY, Boolean.class, false);
  }

  private static boolean servesTls(ConfigurableEnvironment environment) {
    if ("false".equalsIgnoreCase(environment.getProperty("server.ssl.enabled", ""))) {
      return false;
    }
    return Arrays.asList("server.ssl.bundle", "server.ssl.key-store", "server.ssl.certificate")
        .stream()
        .anyMatch(name -> !environment.getProperty(name, "").isBlank());
  }

  /**
   * Tomcat's internal-proxies is a regular expression over addresses: match exactly the listed
   * ones.
   */
  static String addressPattern(String proxies) {
    return Arrays.stream(proxies.split(","))
        .map(String::strip)
        .filter(address -> !address.isEmpty())
        .map(address -> address.replace(".", "\\.").replace(":", "\\:"))
        .collect(Collectors.joining("|"));
  }
}
