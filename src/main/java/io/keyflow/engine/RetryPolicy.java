package io.keyflow.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Retry cycles of the asynchronous steps, referenced from the BPMN as {@code
 * ${keyflowRetries.vaultCycle}}. When the cycle is used up the job becomes an incident in Cockpit;
 * the request is never lost.
 *
 * <p>An HSM outage should not turn approved work into incidents: by default the HSM steps back off
 * from 10 s up to {@code keyflow.retries.vault-max-backoff} (one hour) and keep retrying until
 * {@code keyflow.retries.vault-outage-tolerance} (eight hours) has passed. {@code
 * keyflow.retries.vault-cycle}, when set, replaces the computed cycle (Camunda syntax: {@code
 * R5/PT1M} or a list such as {@code PT10S,PT1M,PT5M}).
 */
@Component("keyflowRetries")
public class RetryPolicy {

  private static final List<Duration> LADDER =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1));

  private final String vaultCycle;

  RetryPolicy(RetrySettings settings) {
    this.vaultCycle =
        settings.hasVaultCycle()
            ? settings.vaultCycle().strip()
            : backOff(settings.vaultOutageTolerance(), settings.vaultMaxBackoff());
  }

  /** Retry cycle for steps that call the HSM, e.g. {@code PT10S,PT30S,PT1M,...,PT1H}. */
  public String getVaultCycle() {
    return vaultCycle;
  }

  /**
   * A list of intervals growing along 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h (none longer
   * than {@code maxBackoff}), then repeating the longest, until together they cover {@code
   * tolerance}. Both are positive ({@link RetrySettings} refuses others at start-up).
   */
  static String backOff(Duration tolerance, Duration maxBackoff) {
    List<String> intervals = new ArrayList<>();
    Duration covered = Duration.ZERO;
    int step = 0;
    while (covered.compareTo(tolerance) < 0) {
      Duration next = LADDER.get(Math.min(step++, LADDER.size() - 1));
      if (next.compareTo(maxBackoff) > 0) {
        next = maxBackoff;
      }
      intervals.add(next.toString());
      covered = covered.plus(next);
    }
    return String.join(",", intervals);
  }
}
