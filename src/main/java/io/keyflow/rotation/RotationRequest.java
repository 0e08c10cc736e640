package io.keyflow.rotation;

import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A rotation request that passed its checks: the key, its current primary version, the id and
 * number the new version will have (fixed once, so a retried generation makes no second key), the
 * encrypt period of the new version and the retention of the old one.
 */
public record RotationRequest(
    ManagedKey key,
    KeyVersion current,
    UUID newVersionId,
    int newVersionNumber,
    Duration encryptPeriod,
    Duration retention,
    String reason,
    String requestedBy,
    List<String> recipientsHolding) {

  public RotationRequest {
    recipientsHolding = List.copyOf(recipientsHolding);
  }
}
