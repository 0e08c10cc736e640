package io.keyflow.lifecycle.rotation;

import java.util.List;
import java.util.UUID;

/**
 * Which recipient systems hold a key version, i.e. were sent it wrapped and must receive its
 * successor when the key rotates. The seam between rotation and distribution: until distribution
 * provides its own bean, {@link RotationConfiguration} supplies one that knows of no recipients.
 */
public interface RecipientHoldings {

  /** Recipient ids holding the version, in a stable order; empty when none is recorded. */
  List<String> recipientsHolding(UUID versionId);
}
