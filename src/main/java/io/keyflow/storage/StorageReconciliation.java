package io.keyflow.storage;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.UsageAttributes;
import io.keyflow.hsm.VaultObject;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.storage.Finding.Kind;
import io.keyflow.storage.Finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the vault holds with what the inventory says it should hold (procedure 4.3.1):
 * every live version's object exists, is sensitive, is not extractable unless the key was generated
 * exportable, was generated on the device (CKA_LOCAL), never lost ALWAYS_SENSITIVE or
 * NEVER_EXTRACTABLE, and still has the recorded KCV; every destroyed version's object is gone;
 * every object in the vault belongs to a version. Pure: no vault, database or engine access.
 */
final class StorageReconciliation {

  /** One inventory version with its key. */
  record Entry(ManagedKey key, KeyVersion version) {}

  private StorageReconciliation() {}

  /**
   * @param systemObjects Keyflow's own objects outside the inventory: id → what it is
   * @param systemRoles the role of those system objects whose usage is checked: id → role
   */
  static List<Finding> reconcile(
      List<Entry> inventory,
      List<VaultObject> objects,
      String backend,
      Map<String, String> systemObjects,
      Map<String, KeyRole> systemRoles) {
    Map<String, List<VaultObject>> byId = new LinkedHashMap<>();
    for (VaultObject object : objects) {
      byId.computeIfAbsent(object.id(), id -> new ArrayList<>()).add(object);
    }
    List<Finding> findings = new ArrayList<>();
    for (Entry entry : inventory) {
      KeyVersion version = entry.version();
      boolean here = backend.equals(version.vaultBackend());
      List<VaultObject> found = here ? byId.remove(version.hsmKeyId().toString()) : null;
      if (version.state().isLive()) {
        if (!here) {
          findings.add(
              drift(
                  entry,
                  Kind.OTHER_BACKEND,
                  version.state()
                      + " in the inventory, recorded in the '"
                      + version.vaultBackend()
                      + "' vault, but Keyflow runs the '"
                      + backend
                      + "' vault: its storage cannot be checked"));
          continue;
        }
        checkLive(entry, found == null ? List.of() : found, findings);
      } else if (found != null && !found.isEmpty()) {
        findings.add(
            drift(
                entry,
                Kind.NOT_ERASED,
                version.state()
                    + " since "
                    + version.destroyedAt()
                    + ", but its object still exists in the vault"));
      }
    }
    byId.forEach(
        (id, remaining) -> {
          for (VaultObject object : remaining) {
            String what =
                object.objectClass()
                    + " "
                    + object.keyType()
                    + " object labelled '"
                    + label(object.label())
                    + "'";
            String system = systemObjects.get(id);
            if (system != null) {
              boolean secret = !"PUBLIC_KEY".equals(object.objectClass());
              if (secret && !object.provenance().sensitive()) {
                findings.add(
                    new Finding(
                        Severity.DRIFT,
                        Kind.ATTRIBUTES_DRIFTED,
                        null,
                        null,
                        null,
                        null,
                        id,
                        "Keyflow system object (" + system + "): CKA_SENSITIVE is false"));
              } else {
                findings.add(
                    new Finding(
                        Severity.INFO,
                        Kind.SYSTEM_OBJECT,
                        null,
                        null,
                        null,
                        null,
                        id,
                        "Keyflow system object: " + system + " (" + what + ")"));
              }
              KeyRole role = systemRoles.get(id);
              String usage = role == null ? null : usageDrift(object, role);
              if (usage != null) {
                findings.add(
                    new Finding(
                        Severity.DRIFT,
                        Kind.USAGE_DRIFTED,
                        null,
                        null,
                        null,
                        null,
                        id,
                        "Keyflow system object (" + system + "): " + usage));
              }
            } else {
              findings.add(
                  new Finding(
                      Severity.DRIFT,
                      Kind.UNKNOWN_OBJECT,
                      null,
                      null,
                      null,
                      null,
                      id,
                      what + " that no inventory version accounts for"));
            }
          }
        });
    findings.sort(Finding.ORDER);
    return findings;
  }

  private static void checkLive(Entry entry, List<VaultObject> found, List<Finding> findings) {
    KeyAlgorithm algorithm = entry.key().algorithm();
    String keyClass = algorithm.kind() == KeyAlgorithm.Kind.SECRET ? "SECRET_KEY" : "PRIVATE_KEY";
    VaultObject object =
        found.stream().filter(o -> keyClass.equals(o.objectClass())).findFirst().orElse(null);
    KeyVersion version = entry.version();
    if (object == null) {
      findings.add(
          drift(
              entry,
              Kind.MISSING,
              version.state()
                  + " in the inventory, but the vault holds no "
                  + keyClass
                  + " with its id"));
      return;
    }
    for (VaultObject other : found) {
      if (other != object
          && !("PUBLIC_KEY".equals(other.objectClass()) && keyClass.equals("PRIVATE_KEY"))) {
        findings.add(
            drift(
                entry,
                Kind.UNKNOWN_OBJECT,
                "another "
                    + other.objectClass()
                    + " labelled '"
                    + label(other.label())
                    + "' shares this version's id"));
      }
    }
    List<String> drifted = new ArrayList<>();
    String expectedType = algorithm.isRsa() ? "RSA" : algorithm.isEc() ? "EC" : "AES";
    if (!expectedType.equals(object.keyType())) {
      drifted.add("it is a " + object.keyType() + " key, the inventory says " + algorithm);
    }
    Provenance actual = object.provenance();
    Provenance recorded = version.provenance();
    if (!actual.sensitive()) {
      drifted.add("CKA_SENSITIVE is false: the key can be read in plaintext");
    }
    if (actual.extractable() && (!entry.key().exportable() || !recorded.extractable())) {
      drifted.add("CKA_EXTRACTABLE is true although the key was generated non-exportable");
    }
    if (recorded.alwaysSensitive() && !actual.alwaysSensitive()) {
      drifted.add("CKA_ALWAYS_SENSITIVE was true and is now false");
    }
    if (recorded.neverExtractable() && !actual.neverExtractable()) {
      drifted.add("CKA_NEVER_EXTRACTABLE was true and is now false");
    }
    if (!actual.local()) {
      drifted.add("CKA_LOCAL is false: the key was not generated in the vault");
    }
    if (!drifted.isEmpty()) {
      findings.add(drift(entry, Kind.ATTRIBUTES_DRIFTED, String.join("; ", drifted)));
    }
    KeyRole role = entry.key().purpose().vaultRole();
    for (VaultObject part : found) {
      String usage =
          part == object || "PUBLIC_KEY".equals(part.objectClass()) ? usageDrift(part, role) : null;
      if (usage != null) {
        findings.add(
            drift(
                entry,
                Kind.USAGE_DRIFTED,
                usage
                    + "; rotate the key so that a version with"
                    + " least-privilege usage replaces it"));
      }
    }
    if (object.kcv() == null) {
      findings.add(
          new Finding(
              Severity.INFO,
              Kind.KCV_MISMATCH,
              entry.key().id(),
              entry.key().alias(),
              version.id(),
              version.number(),
              version.hsmKeyId().toString(),
              "the vault reports no check value; the KCV was not compared"));
    } else if (!object.kcv().equals(version.kcv())) {
      findings.add(
          drift(
              entry,
              Kind.KCV_MISMATCH,
              "the vault's KCV is "
                  + object.kcv()
                  + " but the inventory recorded "
                  + version.kcv()
                  + ": this is not the key that was generated"));
    }
  }

  /**
   * Null when the object's usage attributes are its role's template, else the difference in words.
   */
  private static String usageDrift(VaultObject object, KeyRole role) {
    UsageAttributes expected = role.usage(object.objectClass());
    if (object.usage() == null || object.usage().equals(expected)) {
      return null;
    }
    return object.objectClass()
        + " usage is ["
        + object.usage()
        + "] but a "
        + role
        + " key's template is ["
        + expected
        + "]";
  }

  private static Finding drift(Entry entry, Kind kind, String message) {
    KeyVersion version = entry.version();
    return new Finding(
        Severity.DRIFT,
        kind,
        entry.key().id(),
        entry.key().alias(),
        version.id(),
        version.number(),
        version.hsmKeyId().toString(),
        message);
  }

  /** Foreign labels are shown, but short and printable. */
  private static String label(String label) {
    if (label == null) {
      return "";
    }
    String printable = label.replaceAll("[^\\x20-\\x7E]", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }
}
