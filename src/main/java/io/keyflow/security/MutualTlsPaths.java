package io.keyflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The requests that belong to the mutual-TLS (distribution) port, authenticated there by client
 * certificate instead of a password: package pickups and the listing of a recipient's waiting
 * packages, and the crypto API systems call. Matched on the decoded, normalised servlet path.
 */
final class MutualTlsPaths {

  private static final Pattern PICKUP =
      Pattern.compile("/api/distribution/(packages|[^/]+/package)");

  /**
   * What a system calls on the mutual-TLS port, authenticated by its certificate: one line per path
   * of the crypto API (data keys, sign, verify, MAC, rewrap and random are added here), and "who am
   * I".
   */
  private static final List<Pattern> SYSTEM_API =
      List.of(
          Pattern.compile("/api/keys/[^/]+/encrypt"),
          Pattern.compile("/api/keys/[^/]+/decrypt"),
          Pattern.compile(
              "/api/keys/[^/]+/(data-keys|data-keys/decrypt|rewrap|sign|verify|mac|mac/verify|public-key)"),
          Pattern.compile("/api/random"),
          Pattern.compile("/api/systems/self"));

  private MutualTlsPaths() {}

  /** A package pickup or the listing of waiting packages. */
  public static boolean isPickup(HttpServletRequest request) {
    return PICKUP.matcher(path(request)).matches();
  }

  /** A path of the crypto API (or "who am I") that systems call with their client certificate. */
  public static boolean isSystemApi(HttpServletRequest request) {
    String path = path(request);
    for (Pattern pattern : SYSTEM_API) {
      if (pattern.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String path(HttpServletRequest request) {
    return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
  }
}
