package io.keyflow.checkpoint;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often the ledger's head is signed, referenced from the BPMN timer as {@code
 * ${keyflowCheckpoint.cycle}} and read when the process is deployed: {@code
 * keyflow.ledger.checkpoint-interval} (default one hour) as an endless Camunda cycle.
 */
@Component("keyflowCheckpoint")
public class CheckpointSchedule {

  private final String cycle;

  CheckpointSchedule(@Value("${keyflow.ledger.checkpoint-interval:PT1H}") Duration interval) {
    if (interval.isNegative() || interval.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalStateException(
          "keyflow.ledger.checkpoint-interval must be at least one minute (e.g. PT1H); it is "
              + interval);
    }
    this.cycle = "R/" + interval;
  }

  public String getCycle() {
    return cycle;
  }
}
