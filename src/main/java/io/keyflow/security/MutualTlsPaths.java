package io.keyflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * The requests that belong to the distribution port: package pickups and the listing of a
 * recipient's waiting packages, authenticated by client certificate instead of a password. Matched
 * on the decoded, normalised servlet path.
 */
final class MutualTlsPaths {

  private static final Pattern PICKUP =
      Pattern.compile("/api/distribution/(packages|[^/]+/package)");

  private MutualTlsPaths() {}

  /** A package pickup or the listing of waiting packages. */
  public static boolean isPickup(HttpServletRequest request) {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return PICKUP.matcher(path).matches();
  }
}
