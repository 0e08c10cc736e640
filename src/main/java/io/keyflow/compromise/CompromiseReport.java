package io.keyflow.compromise;

import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A compromise report that was contained: the key, the versions that became COMPROMISED now (as
 * they are after containment), those that were COMPROMISED already (reported before: no second
 * containment), the packages withdrawn and the recipients holding a contained version. When the
 * primary version is among the contained, the replacement version's id and number are fixed here,
 * once, for the emergency rotation that follows a confirmation (null otherwise).
 */
public record CompromiseReport(
    ManagedKey key,
    List<KeyVersion> contained,
    List<Integer> alreadyCompromised,
    Instant compromisedAt,
    List<UUID> packagesWithdrawn,
    List<String> recipientsHolding,
    UUID replacementVersionId,
    Integer replacementVersion) {

  public CompromiseReport {
    contained = List.copyOf(contained);
    alreadyCompromised = List.copyOf(alreadyCompromised);
    packagesWithdrawn = List.copyOf(packagesWithdrawn);
    recipientsHolding = List.copyOf(recipientsHolding);
  }

  /** Whether the primary version was contained, so a confirmation rotates the key at once. */
  public boolean needsEmergencyRotation() {
    return replacementVersionId != null;
  }

  /** The contained version numbers, e.g. {@code "1,2"}. */
  public String containedNumbers() {
    return String.join(",", contained.stream().map(v -> String.valueOf(v.number())).toList());
  }
}
