package io.keyflow.compromise;

import java.time.Clock;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * What KeyCompromise.bpmn reads as {@code ${keyflowCompromise.…}}, over {@link CompromiseSettings}.
 */
@Component("keyflowCompromise")
public class CompromiseExpressions {

  private final CompromiseSettings settings;
  private final Clock clock;

  CompromiseExpressions(CompromiseSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * For the confirmation task's timer: how long a report may wait before it is escalated
   * (ISO-8601).
   */
  public String getConfirmationEscalation() {
    return settings.confirmationEscalation().toString();
  }

  /**
   * For the timer after a confirmation: how long holders have to re-encrypt their data under the
   * replacement before the compromised versions are destroyed (ISO-8601).
   */
  public String getReEncryptionWindow() {
    return settings.reEncryptionWindow().toString();
  }

  /** For the confirmation task: its due date in Tasklist, when created now. */
  public Date getConfirmationDueDate() {
    return Date.from(clock.instant().plus(settings.confirmationEscalation()));
  }
}
