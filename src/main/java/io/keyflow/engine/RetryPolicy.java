package io.keyflow.engine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Retry cycles of the asynchronous steps, referenced from the BPMN as {@code ${keyflowRetries.vaultCycle}}.
 * When the cycle is used up the job becomes an incident in Cockpit; the request is never lost.
 */
@Component("keyflowRetries")
public class RetryPolicy {

  private final String vaultCycle;

  RetryPolicy(@Value("${keyflow.retries.vault-cycle:R5/PT1M}") String vaultCycle) {
    this.vaultCycle = vaultCycle;
  }

  /** ISO-8601 repeating interval for steps that call the HSM, e.g. {@code R5/PT1M}. */
  public String getVaultCycle() {
    return vaultCycle;
  }
}
