package io.keyflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * P6: crypto API encrypt requests/s (64-byte plaintexts, 8 keep-alive clients) ÷ the bench-only
 * echo endpoint of the same application with the same body and the same authentication (the HTTP
 * ceiling). Uses a key P1 generated.
 */
final class CryptoApiFigure implements Figure {

  static final int CLIENTS = 8;

  @Override
  public String id() {
    return "P6";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    String alias = encryptingKey(stack);
    String body = "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"}";
    double seconds = stack.scale(15, 6);
    String encrypt = "/api/keys/" + alias + "/encrypt";
    String echo = "/api/bench/echo";
    rate(stack, encrypt, body, 2);
    rate(stack, echo, body, 2);
    double crypto = 0;
    double ceiling = 0;
    for (int round = 0; round < 2; round++) {
      crypto += rate(stack, encrypt, body, seconds / 2);
      ceiling += rate(stack, echo, body, seconds / 2);
    }
    crypto /= 2;
    ceiling /= 2;
    return List.of(
        Measurement.atLeast(
            "P6",
            "crypto API encrypt req/s ÷ trivial authenticated endpoint req/s",
            Timing.rate(crypto, "req"),
            Timing.rate(ceiling, "req") + " echo",
            crypto / ceiling,
            0.8,
            CLIENTS
                + " keep-alive HTTP/1.1 clients, 64-byte plaintext, user 'app' (key-user), "
                + seconds
                + " s per side in two alternating halves after a 2 s warm-up each"));
  }

  private static String encryptingKey(BenchStack stack) throws Exception {
    String alias = "bench-p6";
    HsmPipelineFigure.approveAs(
        stack.bean(org.camunda.bpm.engine.ProcessEngine.class),
        "bob",
        HsmPipelineFigure.startAs(
            stack.bean(org.camunda.bpm.engine.ProcessEngine.class), "alice", alias));
    Timing.await(
        "key " + alias + " is active",
        java.time.Duration.ofMinutes(2),
        () -> {
          try {
            return stack.get("/api/keys/" + alias, "dave").statusCode() == 200;
          } catch (Exception e) {
            return false;
          }
        });
    grantToApp(stack, alias);
    return alias;
  }

  /**
   * The key user's system 'app' (registered certificate-less if it is not yet) uses the key under a
   * grant alice requests and bob approves, as on any installation.
   */
  private static void grantToApp(BenchStack stack, String alias) {
    io.keyflow.recipient.RecipientRegistry systems =
        stack.bean(io.keyflow.recipient.RecipientRegistry.class);
    if (systems.find("app").isEmpty()) {
      systems.register(
          new io.keyflow.recipient.RecipientRegistry.Registration(
              "app", "PRODUCTION", null, null, null, null, null, "bench key user"),
          "bob");
    }
    org.camunda.bpm.engine.ProcessEngine engine =
        stack.bean(org.camunda.bpm.engine.ProcessEngine.class);
    engine.getIdentityService().setAuthentication("alice", List.of("security-engineering"));
    String instance;
    try {
      instance =
          engine
              .getRuntimeService()
              .startProcessInstanceByKey(
                  io.keyflow.access.KeyAccessGrantProcess.PROCESS_KEY,
                  java.util.Map.of(
                      "system", "app",
                      "alias", alias,
                      "operations", "encrypt",
                      "duration", "P1D",
                      "justification", "bench P6"))
              .getId();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    HsmPipelineFigure.approveAs(engine, "bob", instance);
  }

  /** Requests per second that {@link #CLIENTS} clients, each on its own connection, complete. */
  private static double rate(BenchStack stack, String path, String body, double seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      long until = System.nanoTime() + (long) (seconds * 1e9);
      long began = System.nanoTime();
      List<Future<Long>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  HttpClient http =
                      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                  HttpRequest request =
                      HttpRequest.newBuilder(URI.create("http://localhost:" + stack.port + path))
                          .header("Authorization", BenchStack.basic("app"))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build();
                  long done = 0;
                  while (System.nanoTime() < until) {
                    HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                      throw new IllegalStateException(
                          path + " answered " + response.statusCode() + ": " + response.body());
                    }
                    done++;
                  }
                  return done;
                }));
      }
      long total = 0;
      for (Future<Long> client : clients) {
        total += client.get();
      }
      return total / Timing.seconds(began, System.nanoTime());
    } finally {
      pool.shutdownNow();
    }
  }
}
