package io.keyflow.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.support.RestClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A user logged in to the Camunda webapps (Tasklist, Cockpit) with a session, sending requests to
 * the webapps' own REST API ({@code /camunda/api/engine/...}) as their pages do: with the session
 * cookie and the XSRF token from the {@code XSRF-TOKEN} cookie in the {@code X-XSRF-TOKEN} header.
 */
final class WebappSession {

  static final String ENGINE = "/camunda/api/engine/engine/default";

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String base;

  private WebappSession(int port) {
    this.base = "http://localhost:" + port;
  }

  static WebappSession login(int port, String user) {
    WebappSession session = new WebappSession(port);
    // A first, reading request gets the session its XSRF token; the login must send it already.
    session.exchange(
        HttpRequest.newBuilder(URI.create(session.base + "/camunda/api/admin/auth/user/default"))
            .GET());
    assertThat(session.xsrfToken()).as("XSRF-TOKEN cookie").isNotNull();
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(RestClient.PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login =
        session.send(
            HttpRequest.newBuilder(
                    URI.create(
                        session.base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(login.statusCode())
        .as("webapp login of " + user + ": " + login.body())
        .isEqualTo(200);
    // The login starts a new session, which gets its own token on its first reading request.
    session.exchange(
        HttpRequest.newBuilder(URI.create(session.base + "/camunda/api/admin/auth/user/default"))
            .GET());
    return session;
  }

  /** Sends the request with the session and the XSRF header. */
  HttpResponse<String> send(HttpRequest.Builder request) {
    return exchange(request.header("X-XSRF-TOKEN", xsrfToken()));
  }

  private String xsrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
