package io.keyflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void theDefaultCycleBacksOffToOneHourAndOutlastsAnEightHourOutage() {
    String cycle =
        new RetryPolicy(new RetrySettings("", Duration.ofHours(8), Duration.ofHours(1)))
            .getVaultCycle();

    assertThat(cycle).startsWith("PT10S,PT30S,PT1M,PT5M,PT15M,PT30M,PT1H");
    Duration[] intervals =
        Arrays.stream(cycle.split(",")).map(Duration::parse).toArray(Duration[]::new);
    assertThat(intervals).allMatch(interval -> interval.compareTo(Duration.ofHours(1)) <= 0);
    assertThat(Arrays.stream(intervals).reduce(Duration.ZERO, Duration::plus))
        .isGreaterThanOrEqualTo(Duration.ofHours(8));
  }

  @Test
  void aShorterMaximumBackOffCapsEveryInterval() {
    assertThat(RetryPolicy.backOff(Duration.ofMinutes(3), Duration.ofMinutes(1)))
        .isEqualTo("PT10S,PT30S,PT1M,PT1M,PT1M");
  }

  @Test
  void anExplicitCycleReplacesTheComputedOne() {
    assertThat(
            new RetryPolicy(new RetrySettings("R5/PT1M", Duration.ofHours(8), Duration.ofHours(1)))
                .getVaultCycle())
        .isEqualTo("R5/PT1M");
  }
}
