package io.keyflow.destruction;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A deactivated version whose retention has ended. */
public record DueDestruction(String alias, int version, UUID versionId, Instant retainUntil) {

  /** The reason the sweep gives for the destruction it starts. */
  public String reason() {
    return "Scheduled destruction: the retention of version "
        + version
        + " ended at "
        + retainUntil.truncatedTo(ChronoUnit.SECONDS);
  }
}
