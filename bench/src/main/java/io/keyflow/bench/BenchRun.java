package io.keyflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/run [--quick] [--only=P1,P4]}: runs every figure against one Keyflow stack (embedded
 * PostgreSQL, SoftHSM2), prints one table and writes {@code bench/results/latest.json}. Not a test:
 * the test command never runs it.
 *
 * <p>Figures run in this order on purpose: P1 first, on a token that holds only its own objects (a
 * generation's idempotency check is a find, which scans a SoftHSM token); P3 uses a token of its
 * own; P4 last among the in-application ones, as it grows the ledger to a million entries; P5
 * starts applications of its own.
 */
public final class BenchRun {

  private static final Logger log = LoggerFactory.getLogger(BenchRun.class);

  /** Every figure, in running order. P2 (rotation campaign) slots in after P1. */
  static final List<Figure> FIGURES =
      List.of(
          new HsmPipelineFigure(),
          new RotationCampaignFigure(),
          new CryptoApiFigure(),
          new CryptoOperationsFigure(),
          new ObjectCountFigure(),
          new LedgerVerificationFigure(),
          new StartupFigure());

  private BenchRun() {}

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    Set<String> only =
        Arrays.stream(args)
            .filter(a -> a.startsWith("--only="))
            .flatMap(a -> Arrays.stream(a.substring("--only=".length()).split(",")))
            .collect(Collectors.toSet());
    // A quick run never overwrites the full run's results.
    Path output =
        Path.of(
            System.getProperty(
                "bench.output", quick ? "bench/results/quick.json" : "bench/results/latest.json"));
    long began = System.nanoTime();
    List<Measurement> results = new ArrayList<>();
    int status = 0;
    try (BenchStack stack = BenchStack.start(quick)) {
      for (Figure figure : FIGURES) {
        if (!only.isEmpty() && !only.contains(figure.id())) {
          continue;
        }
        log("%s: measuring", figure.id());
        long figureStart = System.nanoTime();
        results.addAll(figure.measure(stack));
        log("%s: done in %.0f s", figure.id(), Timing.seconds(figureStart, System.nanoTime()));
      }
    } catch (Exception | Error e) {
      log.error("The benchmark stopped", e);
      status = 1;
    }
    double total = Timing.seconds(began, System.nanoTime());
    Report report = new Report(quick, total, results);
    System.out.println(report.table());
    if (status == 0 && only.isEmpty()) {
      report.writeJson(output);
      System.out.println("written to " + output);
    }
    System.exit(status);
  }

  static void log(String format, Object... args) {
    String line = String.format(format, args);
    log.info(line);
    System.out.println("bench: " + line);
  }
}
