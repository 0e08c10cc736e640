package io.keyflow.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for tests against the running application on localhost. */
public final class RestClient {

  public static final String PASSWORD = "test-password";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public RestClient(int port) {
    this.base = "http://localhost:" + port;
  }

  public HttpResponse<String> get(String path, String user) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), user, PASSWORD);
  }

  public HttpResponse<String> get(String path, String user, String password) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), user, password);
  }

  /** A GET whose body is kept as bytes (a download such as a ZIP). */
  public HttpResponse<byte[]> download(String path, String user) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Authorization", "Basic " + token)
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> post(String path, String user, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        user,
        PASSWORD);
  }

  public HttpResponse<String> put(String path, String user, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)),
        user,
        PASSWORD);
  }

  public HttpResponse<String> send(HttpRequest.Builder request, String user, String password) {
    if (user != null) {
      String token =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + token);
    }
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
