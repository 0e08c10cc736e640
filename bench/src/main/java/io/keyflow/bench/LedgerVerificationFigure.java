package io.keyflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * P4: verification of a ledger of a million entries through {@code GET /api/ledger/verify} and the
 * command line verifier (a JVM of its own, as an auditor runs it), against the floor of reading the
 * same rows once over plain JDBC in the same run. The goal is absolute (under 5 s); the ratio says
 * how much above the database read the verification costs.
 */
final class LedgerVerificationFigure implements Figure {

  @Override
  public String id() {
    return "P4";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    int entries = Integer.getInteger("bench.ledger.entries", 1_000_000);
    DataSource dataSource = stack.bean(DataSource.class);
    long seeding = System.nanoTime();
    long head = LedgerSeeder.append(dataSource, entries);
    BenchRun.log(
        "P4: appended %d ledger entries in %.1f s (head at %d)",
        entries, Timing.seconds(seeding, System.nanoTime()), head);
    double read = Double.MAX_VALUE;
    double api = Double.MAX_VALUE;
    double cli = Double.MAX_VALUE;
    for (int run = 0; run < 2; run++) {
      read = Math.min(read, plainRead(dataSource, head));
      api = Math.min(api, throughApi(stack, head));
      cli = Math.min(cli, throughCommandLine(stack, head));
    }
    double perMillion = 1_000_000.0 / head;
    String note =
        (head == 1_000_000 ? "" : head + " entries, seconds scaled to 1,000,000; ")
            + "best of 2 runs; reference: one plain JDBC read of every column of every row";
    return List.of(
        seconds(
            "P4-api",
            "ledger verification of 1,000,000 entries, GET /api/ledger/verify",
            api,
            read,
            perMillion,
            note),
        seconds(
            "P4-cli",
            "ledger verification of 1,000,000 entries, command line (JVM start included)",
            cli,
            read,
            perMillion,
            note));
  }

  private static Measurement seconds(
      String id, String what, double took, double read, double perMillion, String note) {
    double extrapolated = took * perMillion;
    return new Measurement(
        id,
        what,
        String.format("%.2f s", extrapolated),
        String.format("plain read %.2f s", read * perMillion),
        took / read,
        "< 5 s",
        extrapolated,
        extrapolated < 5,
        note);
  }

  private static double plainRead(DataSource dataSource, long expected) throws Exception {
    long began = System.nanoTime();
    long rows = 0;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT seq, recorded_at, actor, action, key_id, key_alias, version_id, version_number,"
                  + " process_instance_id, details, prev_hash, hash FROM ledger_entry ORDER BY seq")) {
        select.setFetchSize(10_000);
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            for (int column = 1; column <= 12; column++) {
              row.getString(column);
            }
            rows++;
          }
        }
      }
      connection.rollback();
    }
    check(rows == expected, "the plain read saw " + rows + " rows, not " + expected);
    return Timing.seconds(began, System.nanoTime());
  }

  private static double throughApi(BenchStack stack, long expected) throws Exception {
    long began = System.nanoTime();
    HttpResponse<String> response = stack.get("/api/ledger/verify", "dave");
    double took = Timing.seconds(began, System.nanoTime());
    JsonNode verdict = new ObjectMapper().readTree(response.body());
    check(
        response.statusCode() == 200
            && verdict.path("valid").asBoolean()
            && verdict.path("entries").asLong() == expected,
        "the API did not verify " + expected + " entries: " + response.body());
    return took;
  }

  private static double throughCommandLine(BenchStack stack, long expected) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    String options = System.getProperty("bench.cli.options", "");
    if (!options.isBlank()) {
      command.addAll(List.of(options.split(" ")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.keyflow.KeyflowApplication",
            "ledger",
            "verify",
            "--url=" + stack.databaseUrl,
            "--user=postgres",
            "--password-env=BENCH_PGPASSWORD"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("BENCH_PGPASSWORD", "postgres");
    long began = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    check(
        process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0,
        "the command line failed: " + output);
    double took = Timing.seconds(began, System.nanoTime());
    check(
        output.contains("ledger valid: " + expected + " entries"),
        "the command line said: " + output);
    return took;
  }

  static String javaBinary() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
