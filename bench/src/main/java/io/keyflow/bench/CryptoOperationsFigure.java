package io.keyflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.SignatureMechanism;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.rotation.KeyRotationProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;

/**
 * P9, the crypto API a using system needs:
 *
 * <ul>
 *   <li>P9-datakey: data keys/s (8 keep-alive clients) ÷ the trivial authenticated endpoint on the
 *       same port with the same authentication (goal ≥ 0.7);
 *   <li>P9-rewrap: a batch rewrap of 10,000 ciphertexts of 64 bytes after a rotation (10 calls of
 *       1,000), items/s ÷ decrypt + encrypt of the same items one by one through the same API, one
 *       client each (goal ≥ 5);
 *   <li>P9-sign: ECDSA P-256 signatures/s through the API (8 clients) ÷ signatures/s of the vault
 *       itself with 8 threads on the same token and session pool, i.e. C_Sign with nothing but the
 *       pool around it (goal ≥ 0.7).
 * </ul>
 */
final class CryptoOperationsFigure implements Figure {

  static final int CLIENTS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "P9";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    List<Measurement> lines = new ArrayList<>();
    lines.add(dataKeys(stack));
    lines.add(rewrap(stack));
    lines.addAll(sign(stack));
    return lines;
  }

  private Measurement dataKeys(BenchStack stack) throws Exception {
    String alias = BenchKeys.generate(stack, "bench-p9-datakey", "DATA_AT_REST", "AES-256");
    BenchKeys.grant(stack, alias, "encrypt", "decrypt");
    double seconds = stack.scale(10, 4);
    HttpRequest dataKey =
        BenchKeys.systemRequest(stack, "/api/keys/" + alias + "/data-keys")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    HttpRequest self = BenchKeys.selfRequest(stack);
    rate(stack, dataKey, 2);
    rate(stack, self, 2);
    double keys = 0;
    double ceiling = 0;
    for (int round = 0; round < 2; round++) {
      keys += rate(stack, dataKey, seconds / 2);
      ceiling += rate(stack, self, seconds / 2);
    }
    keys /= 2;
    ceiling /= 2;
    return Measurement.atLeast(
        "P9-datakey",
        "data keys/s ÷ trivial authenticated endpoint req/s, same port and authentication",
        Timing.rate(keys, "key"),
        Timing.rate(ceiling, "req") + " " + BenchKeys.SELF,
        keys / ceiling,
        0.7,
        CLIENTS
            + " keep-alive clients, "
            + BenchKeys.AUTHENTICATION
            + ", grant checked, "
            + seconds
            + " s per side in two alternating halves");
  }

  private Measurement rewrap(BenchStack stack) throws Exception {
    int count = stack.scale(10_000, 2_000);
    String alias = BenchKeys.generate(stack, "bench-p9-rewrap", "DATA_AT_REST", "AES-256");
    BenchKeys.grant(stack, alias, "encrypt", "decrypt");
    KeyVault vault = stack.bean(KeyVault.class);
    Keys keys = stack.bean(Keys.class);
    ManagedKey key = keys.findByAlias(alias).orElseThrow();
    KeyVersion v1 = keys.findVersion(key.id(), 1).orElseThrow();
    // Set-up, not measured: the ciphertexts a system stored under version 1.
    List<String> envelopes = new ArrayList<>(count);
    byte[] plaintext = new byte[64];
    for (int i = 0; i < count; i++) {
      GcmCiphertext c = vault.encrypt(v1.hsmKeyId(), plaintext, null);
      byte[] both = new byte[c.iv().length + c.ciphertext().length];
      System.arraycopy(c.iv(), 0, both, 0, c.iv().length);
      System.arraycopy(c.ciphertext(), 0, both, c.iv().length, c.ciphertext().length);
      envelopes.add("keyflow:v1:" + Base64.getEncoder().encodeToString(both));
    }
    rotate(stack, alias);
    HttpClient http = BenchKeys.systemClient(stack);
    int batch = 1000;
    long began = System.nanoTime();
    for (int from = 0; from < count; from += batch) {
      StringBuilder body = new StringBuilder("{\"items\":[");
      for (int i = from; i < Math.min(count, from + batch); i++) {
        body.append(i == from ? "" : ",").append("{\"ciphertext\":\"").append(envelopes.get(i));
        body.append("\"}");
      }
      JsonNode out = post(http, stack, "/api/keys/" + alias + "/rewrap", body.append("]}"));
      if (out.get("version").asInt() != 2) {
        throw new IllegalStateException("rewrap answered version " + out.get("version"));
      }
    }
    double batched = count / Timing.seconds(began, System.nanoTime());
    int single = Math.min(count, stack.scale(2_000, 500));
    began = System.nanoTime();
    for (int i = 0; i < single; i++) {
      String envelope = envelopes.get(i);
      byte[] raw = Base64.getDecoder().decode(envelope.substring("keyflow:v1:".length()));
      String iv = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(raw, 0, 12));
      String body =
          Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(raw, 12, raw.length));
      JsonNode decrypted =
          post(
              http,
              stack,
              "/api/keys/" + alias + "/decrypt",
              new StringBuilder(
                  "{\"version\":1,\"iv\":\"" + iv + "\",\"ciphertext\":\"" + body + "\"}"));
      post(
          http,
          stack,
          "/api/keys/" + alias + "/encrypt",
          new StringBuilder("{\"plaintext\":\"" + decrypted.get("plaintext").asText() + "\"}"));
    }
    double oneByOne = single / Timing.seconds(began, System.nanoTime());
    return Measurement.atLeast(
        "P9-rewrap",
        "batch rewrap items/s after a rotation ÷ decrypt + encrypt one by one through the API",
        Timing.rate(batched, "item"),
        Timing.rate(oneByOne, "item") + " one by one",
        batched / oneByOne,
        5,
        count
            + " ciphertexts of 64 bytes in batches of "
            + batch
            + " (one client); the reference over "
            + single
            + " of them, one client, "
            + BenchKeys.AUTHENTICATION);
  }

  /**
   * P9-sign as the issue defines it, and beside it the same signatures ÷ the trivial endpoint: a
   * request through HTTP costs far more than one ECDSA signature on the token, so the first ratio
   * is bounded by the HTTP ceiling ÷ C_Sign; the second says how much of that ceiling signing
   * keeps.
   */
  private List<Measurement> sign(BenchStack stack) throws Exception {
    String alias = BenchKeys.generate(stack, "bench-p9-sign", "SIGNING", "EC-P256");
    BenchKeys.grant(stack, alias, "sign", "verify");
    double seconds = stack.scale(10, 4);
    String message = Base64.getEncoder().encodeToString(new byte[64]);
    HttpRequest sign =
        BenchKeys.systemRequest(stack, "/api/keys/" + alias + "/sign")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"message\":\"" + message + "\",\"mechanism\":\"ECDSA-SHA256\"}"))
            .build();
    Keys keys = stack.bean(Keys.class);
    ManagedKey key = keys.findByAlias(alias).orElseThrow();
    UUID hsmKey = keys.findVersion(key.id(), 1).orElseThrow().hsmKeyId();
    KeyVault vault = stack.bean(KeyVault.class);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[64]);
    Callable<Void> raw =
        () -> {
          vault.signDigest(hsmKey, SignatureMechanism.ECDSA_SHA256, digest);
          return null;
        };
    HttpRequest self = BenchKeys.selfRequest(stack);
    rate(stack, sign, 2);
    threads(raw, 2);
    rate(stack, self, 2);
    double api = 0;
    double token = 0;
    double ceiling = 0;
    for (int round = 0; round < 2; round++) {
      api += rate(stack, sign, seconds / 2);
      token += threads(raw, seconds / 2);
      ceiling += rate(stack, self, seconds / 2);
    }
    api /= 2;
    token /= 2;
    ceiling /= 2;
    Measurement http =
        Measurement.atLeast(
            "P9-sign-http",
            "ECDSA P-256 signatures/s through the API ÷ trivial authenticated endpoint req/s",
            Timing.rate(api, "sig"),
            Timing.rate(ceiling, "req") + " " + BenchKeys.SELF,
            api / ceiling,
            0.7,
            "the HTTP ceiling: the most P9-sign could reach is "
                + Timing.ratio(ceiling / token)
                + " (trivial endpoint ÷ C_Sign)");
    return List.of(
        Measurement.atLeast(
            "P9-sign",
            "ECDSA P-256 signatures/s through the API ÷ the vault's own C_Sign/s, same token",
            Timing.rate(api, "sig"),
            Timing.rate(token, "sig") + " in the vault",
            api / token,
            0.7,
            CLIENTS
                + " keep-alive clients vs "
                + CLIENTS
                + " threads on the vault's session pool, 64-byte message, "
                + BenchKeys.AUTHENTICATION),
        http);
  }

  /** Rotates {@code alias} (alice requests, bob approves) and waits for version 2 to be primary. */
  private static void rotate(BenchStack stack, String alias) throws Exception {
    ProcessEngine engine = stack.bean(ProcessEngine.class);
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication("alice", List.of("security-engineering"));
    String instance;
    try {
      instance =
          engine
              .getRuntimeService()
              .startProcessInstanceByKey(
                  KeyRotationProcess.PROCESS_KEY,
                  Map.of(
                      KeyRotationProcess.VAR_ALIAS,
                      alias,
                      KeyRotationProcess.VAR_REASON,
                      "Benchmark of rewrap after a rotation"))
              .getId();
    } finally {
      identity.clearAuthentication();
    }
    TaskService tasks = engine.getTaskService();
    Timing.await(
        "the rotation of " + alias + " waits for its approval",
        Duration.ofMinutes(1),
        () ->
            tasks
                    .createTaskQuery()
                    .processInstanceId(instance)
                    .taskDefinitionKey(KeyRotationProcess.TASK_APPROVE)
                    .count()
                > 0);
    String task =
        tasks
            .createTaskQuery()
            .processInstanceId(instance)
            .taskDefinitionKey(KeyRotationProcess.TASK_APPROVE)
            .singleResult()
            .getId();
    identity.setAuthentication("bob", List.of("security-officer"));
    try {
      tasks.complete(task, Map.of("approved", true));
    } finally {
      identity.clearAuthentication();
    }
    Keys keys = stack.bean(Keys.class);
    Timing.await(
        "version 2 of " + alias + " is primary",
        Duration.ofMinutes(2),
        () ->
            keys.findByAlias(alias)
                .flatMap(k -> keys.findVersion(k.id(), 2))
                .map(v -> v.state().name().equals("ACTIVE"))
                .orElse(false));
  }

  private static JsonNode post(HttpClient http, BenchStack stack, String path, StringBuilder body)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            BenchKeys.systemRequest(stack, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Requests/s that {@link #CLIENTS} clients, each on its own connection, complete. */
  private static double rate(BenchStack stack, HttpRequest request, double seconds)
      throws Exception {
    return threads(
        new Callable<>() {
          final ThreadLocal<HttpClient> http =
              ThreadLocal.withInitial(() -> BenchKeys.systemClient(stack));

          @Override
          public Void call() throws Exception {
            HttpResponse<String> response =
                http.get().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
              throw new IllegalStateException(
                  request.uri().getPath()
                      + " answered "
                      + response.statusCode()
                      + ": "
                      + response.body());
            }
            return null;
          }
        },
        seconds);
  }

  /** Calls/s of {@code work} on {@link #CLIENTS} threads for {@code seconds}. */
  private static double threads(Callable<Void> work, double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      long until = System.nanoTime() + (long) (seconds * 1e9);
      long began = System.nanoTime();
      List<Future<Long>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  long done = 0;
                  while (System.nanoTime() < until) {
                    work.call();
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
