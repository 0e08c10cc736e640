package io.keyflow.storage;

import java.util.UUID;

/**
 * What the officer reviews: the findings as text (and the digest of their canonical form), the role
 * holders, and whether anything drifted.
 */
public record AttestationReport(
    UUID attestationId,
    String findingsSha256,
    int findingCount,
    int driftCount,
    String findingsText,
    String roleHoldersText) {

  public boolean driftDetected() {
    return driftCount > 0;
  }
}
