package io.keyflow.storage;

import org.springframework.stereotype.Component;

/**
 * When the storage attestation runs by itself, referenced from the BPMN timer as {@code
 * ${keyflowAttestation.cycle}} and read when the process is deployed: a Camunda cycle, by default
 * the cron expression {@code 0 0 6 1 * ?} (06:00 on the first day of every month), so the schedule
 * does not shift when the process is redeployed.
 */
@Component("keyflowAttestation")
public class AttestationSchedule {

  private final String cycle;

  AttestationSchedule(StorageSettings settings) {
    this.cycle = settings.attestationCycle();
  }

  public String getCycle() {
    return cycle;
  }
}
