package io.keyflow.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * P5: start-up time and resident memory after start of Keyflow (its run command's defaults, the H2
 * database in memory) ÷ a bare Camunda Spring Boot application of the same versions ( {@code
 * bench/bare-camunda}, built by {@code bench/run}), each in a JVM of its own with the same flags.
 * Start-up runs from process launch to Spring's "Started" line; RSS is read from /proc after the
 * first answered request.
 */
final class StartupFigure implements Figure {

  @Override
  public String id() {
    return "P5";
  }

  @Override
  public List<Measurement> measure(BenchStack stack) throws Exception {
    int runs = stack.scale(3, 1);
    String keyflowClasspath = required("bench.keyflow.classpath");
    String bareClasspath = required("bench.bare.classpath");
    List<Start> keyflow = new ArrayList<>();
    List<Start> bare = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      bare.add(start(bareClasspath, "bench.bare.BareCamundaApplication"));
      keyflow.add(
          start(
              keyflowClasspath,
              "io.keyflow.KeyflowApplication",
              "--spring.datasource.url=jdbc:h2:mem:keyflow;DB_CLOSE_DELAY=-1;MODE=LEGACY",
              "--KEYFLOW_DEMO_PASSWORD=bench"));
    }
    Start k = median(keyflow);
    Start b = median(bare);
    String note =
        (runs == 1 ? "one start" : "median of " + runs + " starts")
            + " each, default JVM flags, H2 in memory,"
            + " Keyflow with its software vault (the run command's defaults)";
    return List.of(
        Measurement.atMost(
            "P5-time",
            "start-up time ÷ bare Camunda Spring Boot app",
            String.format("%.1f s", k.seconds),
            String.format("bare %.1f s", b.seconds),
            k.seconds / b.seconds,
            1.2,
            note),
        Measurement.atMost(
            "P5-rss",
            "RSS after start ÷ bare Camunda Spring Boot app",
            k.rssMiB + " MiB",
            "bare " + b.rssMiB + " MiB",
            (double) k.rssMiB / b.rssMiB,
            1.2,
            null));
  }

  record Start(double seconds, long rssMiB) {}

  private static Start start(String classpath, String mainClass, String... args) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path directory = Files.createTempDirectory("keyflow-bench-start");
    List<String> command =
        new ArrayList<>(
            List.of(
                LedgerVerificationFigure.javaBinary(),
                "-cp",
                classpath,
                mainClass,
                "--server.port=" + port));
    command.addAll(Arrays.asList(args));
    long began = System.nanoTime();
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    try {
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = output.readLine()) != null && !line.contains("Started ")) {
        // read until Spring says the application has started
      }
      double seconds = Timing.seconds(began, System.nanoTime());
      if (line == null) {
        throw new IllegalStateException(mainClass + " ended before it started");
      }
      Thread drain =
          new Thread(
              () -> {
                try {
                  output.lines().forEach(ignored -> {});
                } catch (java.io.UncheckedIOException closed) {
                  // the process was stopped
                }
              });
      drain.setDaemon(true);
      drain.start();
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/engine-rest/engine"))
                      .header("Authorization", BenchStack.basic("admin"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            mainClass + " answered " + answer.statusCode() + ": " + answer.body());
      }
      long rss =
          Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
              .filter(l -> l.startsWith("VmRSS:"))
              .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
              .findFirst()
              .orElseThrow();
      BenchRun.log("P5: %s started in %.1f s, RSS %d MiB", mainClass, seconds, rss >> 10);
      return new Start(seconds, rss >> 10);
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private static Start median(List<Start> starts) {
    List<Start> byTime = new ArrayList<>(starts);
    byTime.sort((a, b) -> Double.compare(a.seconds, b.seconds));
    List<Long> rss = starts.stream().map(Start::rssMiB).sorted().toList();
    return new Start(byTime.get(byTime.size() / 2).seconds, rss.get(rss.size() / 2));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(property + " is not set: run the bench through bench/run");
    }
    return value;
  }
}
