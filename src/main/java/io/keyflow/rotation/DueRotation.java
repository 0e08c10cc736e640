package io.keyflow.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A key whose primary version stops protecting within the sweep's lead time. */
public record DueRotation(String alias, int version, Instant protectStop, Duration leadTime) {

  /** The reason the sweep gives for the rotation it starts. */
  public String reason() {
    return "Scheduled rotation: version "
        + version
        + " stops encrypting at "
        + protectStop.truncatedTo(ChronoUnit.SECONDS)
        + ", within the rotation lead time of "
        + leadTime.toDays()
        + " days";
  }
}
