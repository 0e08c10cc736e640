package io.keyflow.engine;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.retries.*}: how the asynchronous HSM steps retry. A value out of range stops
 * start-up with Spring Boot's report naming the property. The BPMN reads the resulting cycle
 * through {@link RetryPolicy}.
 *
 * @param vaultCycle when set, replaces the computed cycle (Camunda syntax: {@code R5/PT1M} or a
 *     list such as {@code PT10S,PT1M,PT5M})
 * @param vaultOutageTolerance how long the computed cycle keeps retrying before the job becomes an
 *     incident
 * @param vaultMaxBackoff the longest interval of the computed cycle
 */
@Validated
@ConfigurationProperties("keyflow.retries")
public record RetrySettings(
    String vaultCycle,
    @DefaultValue("PT8H") Duration vaultOutageTolerance,
    @DefaultValue("PT1H") Duration vaultMaxBackoff) {

  /** Whether {@link #vaultCycle} replaces the computed cycle. */
  boolean hasVaultCycle() {
    return vaultCycle != null && !vaultCycle.isBlank();
  }

  @AssertTrue(
      message = "keyflow.retries.vault-outage-tolerance must be a positive duration, e.g. PT8H")
  boolean isVaultOutageTolerancePositive() {
    return hasVaultCycle() || positive(vaultOutageTolerance);
  }

  @AssertTrue(message = "keyflow.retries.vault-max-backoff must be a positive duration, e.g. PT1H")
  boolean isVaultMaxBackoffPositive() {
    return hasVaultCycle() || positive(vaultMaxBackoff);
  }

  private static boolean positive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }
}
