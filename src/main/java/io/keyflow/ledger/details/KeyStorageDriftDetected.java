package io.keyflow.ledger.details;

import java.util.List;

/**
 * {@code KEY_STORAGE_DRIFT_DETECTED}: a reconciliation found the vault and the inventory disagree.
 * Drift on a known version is one entry each ({@code objectId}, {@code finding}); vault objects
 * that belong to no version are listed together in one entry ({@code objects}).
 *
 * @param kind the finding's kind, e.g. {@code MISSING_OBJECT} or {@code UNKNOWN_OBJECT}
 * @param finding the finding in words (drift on a known version), else null
 * @param objects the unknown objects, else null
 */
public record KeyStorageDriftDetected(
    String attestationId,
    String kind,
    String objectId,
    String finding,
    String vaultBackend,
    List<DriftObject> objects)
    implements LedgerDetails {

  /** One vault object the inventory does not know, as the reconciliation found it. */
  public record DriftObject(
      String severity,
      String kind,
      String keyId,
      String keyAlias,
      String versionId,
      Integer versionNumber,
      String objectId,
      String message) {}
}
