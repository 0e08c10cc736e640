package io.keyflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * P6: crypto API encrypt requests/s over the mutual-TLS port, the calling system authenticated by
 * its client certificate and its grant checked (64-byte plaintexts, 8 keep-alive clients) ÷ {@code
 * GET /api/systems/self} on the same port with the same TLS and authentication. Beside it, the old
 * way: encrypt on the ordinary port with the {@code key-user} password of a system of that name.
 * P6-grant: the same encrypt with 1,000 systems and 10,000 grants in the database ÷ with the one
 * system and its one grant, measured first.
 *
 * <p>Bench set-up, not the way a grant is made: the grants (and the 1,000 bulk systems) are written
 * straight into {@code key_access_grant} (and {@code recipient}) as ACTIVE rows with the columns
 * V17 documents; in the product a grant is requested and approved through the KeyAccessGrant
 * process.
 */
final class CryptoApiFigure implements Figure {

  static final int CLIENTS = 8;
  static final int SYSTEMS = 1_000;
  static final int GRANTS = 10_000;
  static final String SYSTEM = "bench-p6";
  static final String LOGIN = "app";

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public String id() {
    return "P6";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    String alias = encryptingKey(stack);
    Identity client = TestCertificates.selfSigned(SYSTEM, TestCertificates.rsa(SYSTEM, 3072));
    register(stack, SYSTEM, client);
    register(stack, LOGIN, null);
    JdbcTemplate jdbc = stack.bean(JdbcTemplate.class);
    grant(jdbc, List.of(SYSTEM, LOGIN), List.of(alias), 2);

    String body = "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"}";
    double seconds = stack.scale(15, 6);
    Target encrypt = Target.tls(stack, client, "/api/keys/" + alias + "/encrypt", body);
    Target self = Target.tls(stack, client, "/api/systems/self", null);
    Target password = Target.password(stack, LOGIN, "/api/keys/" + alias + "/encrypt", body);
    // The JIT needs its time on each path (TLS, the filters, the HSM call) before either side
    // is measured: a short warm-up left encrypt at half its later rate.
    double warmUp = stack.scale(10, 3);
    for (Target target : List.of(encrypt, self, password)) {
      rate(target, warmUp);
    }
    double crypto = 0;
    double ceiling = 0;
    double old = 0;
    for (int round = 0; round < 2; round++) {
      crypto += rate(encrypt, seconds / 2);
      ceiling += rate(self, seconds / 2);
      old += rate(password, seconds / 2);
    }
    crypto /= 2;
    ceiling /= 2;
    old /= 2;

    long began = System.nanoTime();
    int systems = bulkSystems(jdbc, SYSTEMS - 1);
    List<String> names =
        jdbc.queryForList("SELECT name FROM recipient WHERE name LIKE 'bench-sys-%'", String.class);
    List<String> keys =
        jdbc.queryForList("SELECT alias FROM managed_key ORDER BY alias", String.class);
    int grants = grant(jdbc, names, keys, GRANTS - 2);
    double setUp = Timing.seconds(began, System.nanoTime());
    rate(encrypt, warmUp);
    double loaded = 0;
    for (int round = 0; round < 2; round++) {
      loaded += rate(encrypt, seconds / 2);
    }
    loaded /= 2;
    int totalSystems = jdbc.queryForObject("SELECT COUNT(*) FROM recipient", Integer.class);
    int totalGrants = jdbc.queryForObject("SELECT COUNT(*) FROM key_access_grant", Integer.class);

    String shape =
        CLIENTS
            + " keep-alive HTTP/1.1 clients, 64-byte plaintext, "
            + seconds
            + " s per side in two alternating halves after a "
            + warmUp
            + " s warm-up each";
    return List.of(
        Measurement.atLeast(
            "P6",
            "crypto API encrypt over mutual TLS (certificate, grant checked) ÷ GET /api/systems/self",
            Timing.rate(crypto, "req"),
            Timing.rate(ceiling, "req") + " self",
            crypto / ceiling,
            0.8,
            shape + "; system '" + SYSTEM + "' by its RSA-3072 client certificate"),
        new Measurement(
            "P6-password",
            "crypto API encrypt with the key-user password (the old way) ÷ with the certificate",
            Timing.rate(old, "req"),
            Timing.rate(crypto, "req") + " certificate",
            old / crypto,
            "-",
            Double.NaN,
            null,
            shape + "; login '" + LOGIN + "' on the ordinary port, plain HTTP (no TLS)"),
        Measurement.atLeast(
            "P6-grant",
            "crypto API encrypt with 1,000 systems and 10,000 grants ÷ with 1 system and 1 grant",
            Timing.rate(loaded, "req"),
            Timing.rate(crypto, "req") + " (1 grant)",
            loaded / crypto,
            0.9,
            totalSystems
                + " systems ("
                + systems
                + " bulk), "
                + totalGrants
                + " grants ("
                + grants
                + " bulk over "
                + keys.size()
                + " keys), written as bench set-up by SQL in "
                + String.format("%.1f", setUp)
                + " s; "
                + shape));
  }

  private void register(BenchStack stack, String name, Identity identity) throws Exception {
    String certificate =
        identity == null
            ? ""
            : ",\"certificatePem\":" + json.writeValueAsString(identity.certificatePem());
    HttpResponse<String> response =
        stack.post(
            "/api/systems",
            "bob",
            "{\"name\":\"" + name + "\",\"environment\":\"PRODUCTION\"" + certificate + "}");
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "registering " + name + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Bench set-up: {@code count} systems without certificates, straight into the registry. */
  private static int bulkSystems(JdbcTemplate jdbc, int count) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          new Object[] {
            UUID.randomUUID().toString(), String.format("bench-sys-%04d", i), "PRODUCTION", now
          });
    }
    jdbc.batchUpdate(
        "INSERT INTO recipient (id, name, environment, state, registered_at, registered_by,"
            + " description) VALUES (?, ?, ?, 'ACTIVE', ?, 'bench', 'bench set-up')",
        rows);
    return count;
  }

  /**
   * Bench set-up: {@code count} ACTIVE grants (encrypt, decrypt) for the systems over the keys,
   * round robin, as the V17 columns of {@code key_access_grant} describe them.
   */
  private static int grant(
      JdbcTemplate jdbc, List<String> systems, List<String> aliases, int count) {
    Timestamp now = Timestamp.from(Instant.now());
    Timestamp expires = Timestamp.from(Instant.now().plus(Duration.ofDays(300)));
    List<String[]> systemIds = new ArrayList<>();
    for (String name : systems) {
      systemIds.add(
          new String[] {
            jdbc.queryForObject("SELECT id FROM recipient WHERE name = ?", String.class, name), name
          });
    }
    List<String[]> keyIds = new ArrayList<>();
    for (String alias : aliases) {
      keyIds.add(
          new String[] {
            jdbc.queryForObject("SELECT id FROM managed_key WHERE alias = ?", String.class, alias),
            alias
          });
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String[] system = systemIds.get(i % systemIds.size());
      String[] key = keyIds.get((i / systemIds.size()) % keyIds.size());
      rows.add(
          new Object[] {
            UUID.randomUUID().toString(), system[0], system[1], key[0], key[1], now, expires, now
          });
    }
    jdbc.batchUpdate(
        "INSERT INTO key_access_grant (id, system_id, system_name, key_id, key_alias, operations,"
            + " state, justification, requested_by, requested_at, expires_at, approved_by,"
            + " approved_at) VALUES (?, ?, ?, ?, ?, 'encrypt,decrypt', 'ACTIVE', 'bench set-up',"
            + " 'alice', ?, ?, 'bob', ?)",
        rows);
    return count;
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
    return alias;
  }

  /** One side of a figure: how each client connects and the request it repeats. */
  private record Target(String path, Supplier<HttpClient> client, HttpRequest request) {

    static Target tls(BenchStack stack, Identity identity, String path, String body) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("https://localhost:" + stack.tlsPort + path));
      if (body != null) {
        request
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
      }
      return new Target(
          path,
          () ->
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .sslContext(
                      TestCertificates.clientContext(identity, BenchStack.SERVER.certificate()))
                  .build(),
          request.build());
    }

    static Target password(BenchStack stack, String user, String path, String body) {
      return new Target(
          path,
          () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
          HttpRequest.newBuilder(URI.create("http://localhost:" + stack.port + path))
              .header("Authorization", BenchStack.basic(user))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build());
    }
  }

  /** Requests per second that {@link #CLIENTS} clients, each on its own connection, complete. */
  private static double rate(Target target, double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      long until = System.nanoTime() + (long) (seconds * 1e9);
      long began = System.nanoTime();
      List<Future<Long>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  HttpClient http = target.client().get();
                  long done = 0;
                  while (System.nanoTime() < until) {
                    HttpResponse<String> response =
                        http.send(target.request(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                      throw new IllegalStateException(
                          target.path()
                              + " answered "
                              + response.statusCode()
                              + ": "
                              + response.body());
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
