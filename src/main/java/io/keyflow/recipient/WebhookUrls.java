package io.keyflow.recipient;

import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a recipient's webhook URL: an absolute https URL of at most {@value #MAX_LENGTH}
 * characters, with a host, without credentials, fragments or control characters. Plain http is
 * allowed only to the loopback host and only when loopback is allowed (outside the {@code
 * production} profile, for tests and the demo). A refusal never echoes the URL (it may carry a
 * secret).
 */
public final class WebhookUrls {

  public static final int MAX_LENGTH = 2048;

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

  private WebhookUrls() {}

  /** The checked URL, or null for a blank one (no webhook). */
  public static String check(String url, boolean allowLoopbackHttp) {
    if (url == null || url.isBlank()) {
      return null;
    }
    if (url.length() > MAX_LENGTH) {
      throw refusal("is longer than " + MAX_LENGTH + " characters; register a shorter URL");
    }
    if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c))) {
      throw refusal("contains control characters or spaces; register the URL without them");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refusal("is not a well-formed URL; register an absolute https URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || host == null || host.isEmpty()) {
      throw refusal("must be an absolute URL with a host, e.g. https://example.org/keyflow-events");
    }
    if (uri.getRawUserInfo() != null) {
      throw refusal(
          "must not carry credentials (user:password@); authenticate the endpoint another way");
    }
    if (uri.getRawFragment() != null) {
      throw refusal("must not have a fragment (#...); register the URL without it");
    }
    boolean loopbackHttp = "http".equals(scheme) && allowLoopbackHttp && LOOPBACK.contains(host);
    if (!"https".equals(scheme) && !loopbackHttp) {
      throw refusal("must use https so that notifications are encrypted in transit");
    }
    return url;
  }

  /** The host of a checked URL, as the ledger records it (never the path or query). */
  public static String host(String url) {
    return URI.create(url).getHost();
  }

  private static Refusal refusal(String why) {
    return new Refusal(Kind.INVALID_REQUEST, "webhookUrl " + why);
  }
}
