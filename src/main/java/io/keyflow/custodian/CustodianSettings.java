package io.keyflow.custodian;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.custodian.*}: the custodian acknowledgement. A value out of range stops start-up
 * with Spring Boot's report naming the property. The BPMN reads these through {@link
 * CustodianExpressions}.
 *
 * @param responsibilities the text custodians acknowledge; empty, the built-in text
 * @param acknowledgementInterval how often custodians acknowledge again: at least yearly (PCI DSS
 *     3.7.8), so between 1 day and 365 days
 * @param sweepCycle when the custodian sweep compares group membership with the ledger (read when
 *     the BPMN is deployed)
 * @param sweepOnStartup whether the sweep also runs once at start-up
 */
@Validated
@ConfigurationProperties("keyflow.custodian")
public record CustodianSettings(
    @Size(
            max = CustodianAcknowledgementProcess.MAX_RESPONSIBILITIES,
            message = "must be at most {max} characters long; shorten it")
        String responsibilities,
    @DefaultValue("365d")
        @DurationMin(days = 1, message = INTERVAL)
        @DurationMax(days = 365, message = INTERVAL)
        Duration acknowledgementInterval,
    @DefaultValue("R/P1D")
        @NotBlank(message = "must be an ISO-8601 cycle or cron expression, e.g. R/P1D")
        String sweepCycle,
    @DefaultValue("true") boolean sweepOnStartup) {

  static final String DEFAULT_RESPONSIBILITIES =
      """
      As a key custodian of Keyflow (security officer or security engineering) I acknowledge that I:
      1. handle cryptographic keys only through Keyflow and the approved HSM, never in plaintext, e-mail or chat;
      2. never approve a request I made, and take part in dual control of destructions as a distinct officer;
      3. keep my credentials to myself and report at once any suspected key compromise or misuse;
      4. follow procedure OP-PROC-001 for generation, distribution, storage, rotation and destruction;
      5. understand that every action I take is recorded in a tamper-evident ledger reviewed by auditors.""";

  private static final String INTERVAL =
      "custodians acknowledge at least yearly, so set it between 1 day and 365 days";

  /** An empty text stands for the built-in one (the YAML default is {@code ""}). */
  public CustodianSettings {
    responsibilities =
        responsibilities == null || responsibilities.isBlank()
            ? DEFAULT_RESPONSIBILITIES
            : responsibilities.strip();
  }
}
