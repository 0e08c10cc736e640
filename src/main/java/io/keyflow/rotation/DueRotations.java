package io.keyflow.rotation;

import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Which keys the rotation sweep starts on (procedure 4.4.1, "at least annually"): those whose
 * primary version stops protecting within {@code keyflow.rotation.lead-time}.
 */
@Service
public class DueRotations {

  private final Keys keys;
  private final RotationSettings settings;
  private final Clock clock;

  DueRotations(Keys keys, RotationSettings settings, Clock clock) {
    this.keys = keys;
    this.settings = settings;
    this.clock = clock;
  }

  /** Keys whose primary version stops protecting within the lead time, soonest first. */
  public List<DueRotation> dueForRotation() {
    Instant cutoff = clock.instant().plus(settings.leadTime());
    return keys.keysWithPrimaryProtectStopBy(cutoff).stream()
        .map(
            key -> {
              KeyVersion primary = keys.findVersion(key.primaryVersionId()).orElseThrow();
              return new DueRotation(
                  key.alias(), primary.number(), primary.protectStopAt(), settings.leadTime());
            })
        .toList();
  }
}
