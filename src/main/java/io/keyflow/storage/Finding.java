package io.keyflow.storage;

import java.util.Comparator;
import java.util.UUID;

/**
 * One result of reconciling the vault with the inventory.
 *
 * @param severity DRIFT needs action (and is escalated); INFO is for the record
 * @param keyId the key concerned, or null for an object unknown to the inventory
 * @param versionId the version concerned, or null
 * @param objectId the vault object's id (CKA_ID; the version's UUID for Keyflow's keys)
 */
public record Finding(
    Severity severity,
    Kind kind,
    UUID keyId,
    String keyAlias,
    UUID versionId,
    Integer versionNumber,
    String objectId,
    String message) {

  public enum Severity {
    DRIFT,
    INFO
  }

  /** What was found. */
  public enum Kind {
    /** A live version has no object in the vault. */
    MISSING,
    /**
     * A live version's object has attributes other than expected (sensitive, extractable, local,
     * type).
     */
    ATTRIBUTES_DRIFTED,
    /** A live version's object has another key check value than the inventory recorded. */
    KCV_MISMATCH,
    /** A destroyed version's object still exists. */
    NOT_ERASED,
    /** An object in the vault that no inventory version accounts for. */
    UNKNOWN_OBJECT,
    /** A live version recorded in another vault backend than the one Keyflow runs on. */
    OTHER_BACKEND,
    /** A Keyflow system object (e.g. an audit key), listed for the record. */
    SYSTEM_OBJECT,
    /**
     * An object's usage attributes (encrypt, decrypt, wrap, unwrap, sign, verify, derive) differ
     * from its purpose's least-privilege template.
     */
    USAGE_DRIFTED
  }

  static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::kind)
          .thenComparing(f -> f.keyAlias() == null ? "" : f.keyAlias())
          .thenComparing(f -> f.versionNumber() == null ? 0 : f.versionNumber())
          .thenComparing(f -> f.objectId() == null ? "" : f.objectId())
          .thenComparing(Finding::message);

  /** One line of the officer's findings text. */
  String line() {
    String subject =
        keyAlias == null
            ? "object " + objectId
            : keyAlias
                + (versionNumber == null ? "" : " v" + versionNumber)
                + (objectId == null ? "" : " (" + objectId + ")");
    return "[" + severity + "] " + kind + " " + subject + ": " + message;
  }
}
