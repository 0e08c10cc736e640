package io.keyflow.custodian;

import io.keyflow.shared.Sha256;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The custodian acknowledgement's settings, referenced from the BPMN as {@code
 * ${keyflowCustodian.sweepCycle}}: the responsibilities text custodians acknowledge ({@code
 * keyflow.custodian.responsibilities}), how often they acknowledge again, and when the sweep runs.
 */
@Component("keyflowCustodian")
public class CustodianSettings {

  static final String DEFAULT_RESPONSIBILITIES =
      """
      As a key custodian of Keyflow (security officer or security engineering) I acknowledge that I:
      1. handle cryptographic keys only through Keyflow and the approved HSM, never in plaintext, e-mail or chat;
      2. never approve a request I made, and take part in dual control of destructions as a distinct officer;
      3. keep my credentials to myself and report at once any suspected key compromise or misuse;
      4. follow procedure OP-PROC-001 for generation, distribution, storage, rotation and destruction;
      5. understand that every action I take is recorded in a tamper-evident ledger reviewed by auditors.""";

  private final String responsibilities;
  private final Duration interval;
  private final String sweepCycle;

  CustodianSettings(
      @Value("${keyflow.custodian.responsibilities:}") String responsibilities,
      @Value("${keyflow.custodian.acknowledgement-interval:365d}") Duration interval,
      @Value("${keyflow.custodian.sweep-cycle:R/P1D}") String sweepCycle) {
    this.responsibilities =
        responsibilities == null || responsibilities.isBlank()
            ? DEFAULT_RESPONSIBILITIES
            : responsibilities.strip();
    if (this.responsibilities.length() > CustodianAcknowledgementProcess.MAX_RESPONSIBILITIES) {
      throw new IllegalArgumentException(
          "keyflow.custodian.responsibilities is "
              + this.responsibilities.length()
              + " characters long; shorten it to at most "
              + CustodianAcknowledgementProcess.MAX_RESPONSIBILITIES);
    }
    if (interval.isNegative()
        || interval.isZero()
        || interval.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException(
          "keyflow.custodian.acknowledgement-interval is "
              + interval
              + "; custodians acknowledge at least yearly, so set it between 1 day and 365 days");
    }
    this.interval = interval;
    this.sweepCycle = sweepCycle;
  }

  public String getSweepCycle() {
    return sweepCycle;
  }

  public String responsibilities() {
    return responsibilities;
  }

  /** SHA-256 of the responsibilities text, recorded with each acknowledgement. */
  public String responsibilitiesSha256() {
    return Sha256.hex(responsibilities);
  }

  public Duration interval() {
    return interval;
  }
}
