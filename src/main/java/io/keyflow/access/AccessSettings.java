package io.keyflow.access;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.access.*}: how long a grant may run, how often grants are reviewed, and how usage
 * is written.
 *
 * @param maxGrantDuration the longest grant an officer can approve (default 365 days)
 * @param reviewCycle how often an access review starts (default 90 days: quarterly; PCI DSS v4.0
 *     7.2.4 asks for at least every six months, so at most 183 days)
 * @param reviewEscalation how long a review may stay open before it is escalated (default 14 days)
 * @param usageFlushInterval how often the in-memory usage counts are written to {@code key_usage}
 *     (default 5 seconds; at most a minute, which is what a crash can lose)
 */
@Validated
@ConfigurationProperties("keyflow.access")
public record AccessSettings(
    @DefaultValue("P365D")
        @DurationMin(nanos = 0, inclusive = false, message = POSITIVE)
        @DurationMax(days = 3650, message = "must be at most 3650 days")
        Duration maxGrantDuration,
    @DefaultValue("P90D")
        @DurationMin(hours = 1, message = "must be at least an hour")
        @DurationMax(days = 183, message = "must be at most 183 days (PCI DSS 7.2.4: six months)")
        Duration reviewCycle,
    @DefaultValue("P14D")
        @DurationMin(nanos = 0, inclusive = false, message = POSITIVE)
        @DurationMax(days = 90, message = "must be at most 90 days")
        Duration reviewEscalation,
    @DefaultValue("PT5S")
        @DurationMin(millis = 100, message = "must be at least 100 ms")
        @DurationMax(minutes = 1, message = "must be at most a minute")
        Duration usageFlushInterval) {

  private static final String POSITIVE = "must be positive";

  /**
   * How long a grant check's answer is reused: at most one second, so a revocation on one node
   * stops the next call on every node within a second.
   */
  public static final Duration CHECK_CACHE = Duration.ofSeconds(1);
}
