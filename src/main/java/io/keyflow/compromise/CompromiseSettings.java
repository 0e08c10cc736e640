package io.keyflow.compromise;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Compromise timing, from {@code keyflow.compromise.*}; referenced from the BPMN as {@code
 * ${keyflowCompromise.…}}. A setting out of range stops start-up with a sentence naming it.
 */
@Component("keyflowCompromise")
public class CompromiseSettings {

  private final Duration confirmationEscalation;
  private final Duration reEncryptionWindow;
  private final Clock clock;

  CompromiseSettings(
      @Value("${keyflow.compromise.confirmation-escalation:PT4H}") Duration confirmationEscalation,
      @Value("${keyflow.compromise.re-encryption-window:P30D}") Duration reEncryptionWindow,
      Clock clock) {
    if (reEncryptionWindow.isNegative() || reEncryptionWindow.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalStateException(
          "keyflow.compromise.re-encryption-window must be between 0 and 365 days, e.g. P30D; it is "
              + reEncryptionWindow);
    }
    if (confirmationEscalation.isNegative() || confirmationEscalation.isZero()) {
      throw new IllegalStateException(
          "keyflow.compromise.confirmation-escalation must be positive, e.g. PT4H");
    }
    this.confirmationEscalation = confirmationEscalation;
    this.reEncryptionWindow = reEncryptionWindow;
    this.clock = clock;
  }

  /**
   * For the confirmation task's timer: how long a report may wait before it is escalated
   * (ISO-8601).
   */
  public String getConfirmationEscalation() {
    return confirmationEscalation.toString();
  }

  /**
   * For the timer after a confirmation: how long holders have to re-encrypt their data under the
   * replacement before the compromised versions are destroyed (ISO-8601).
   */
  public String getReEncryptionWindow() {
    return reEncryptionWindow.toString();
  }

  /** For the confirmation task: its due date in Tasklist, when created now. */
  public Date getConfirmationDueDate() {
    return Date.from(clock.instant().plus(confirmationEscalation));
  }
}
