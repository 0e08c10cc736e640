package io.keyflow.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small timing helpers shared by the figures. */
final class Timing {

  private Timing() {}

  static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }

  /** Polls until the condition holds or fails after the timeout. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Timed out after " + timeout.toSeconds() + " s waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  static String rate(double perSecond, String unit) {
    return String.format("%.1f %s/s", perSecond, unit);
  }

  static String ratio(double value) {
    return String.format("%.2f", value);
  }
}
