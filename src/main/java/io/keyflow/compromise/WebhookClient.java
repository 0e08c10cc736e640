package io.keyflow.compromise;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Posts a JSON body to a recipient's webhook with a timeout of {@value #TIMEOUT_SECONDS} s for the
 * connection and the answer; redirects are not followed (a redirect is not a delivery).
 */
@Component
class WebhookClient {

  static final int TIMEOUT_SECONDS = 5;

  /** A post that reached no answer: refused connection, timeout, TLS failure. */
  static final class Unreachable extends RuntimeException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** The HTTP status of the answer; throws {@link Unreachable} when there was none. */
  int post(String url, String json, String host) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new Unreachable(
          "The webhook at "
              + host
              + " could not be reached ("
              + e.getClass().getSimpleName()
              + "); the delivery is retried",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable(
          "The post to the webhook at " + host + " was interrupted; the delivery is retried", e);
    }
  }
}
