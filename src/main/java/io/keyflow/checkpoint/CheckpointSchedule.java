package io.keyflow.checkpoint;

import io.keyflow.ledger.LedgerSettings;
import org.springframework.stereotype.Component;

/**
 * How often the ledger's head is signed, referenced from the BPMN timer as {@code
 * ${keyflowCheckpoint.cycle}} and read when the process is deployed: {@code
 * keyflow.ledger.checkpoint-interval} (default one hour) as an endless Camunda cycle.
 */
@Component("keyflowCheckpoint")
public class CheckpointSchedule {

  private final String cycle;

  CheckpointSchedule(LedgerSettings settings) {
    this.cycle = "R/" + settings.checkpointInterval();
  }

  public String getCycle() {
    return cycle;
  }
}
