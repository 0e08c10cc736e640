package io.keyflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.UsageAttributes;
import io.keyflow.hsm.VaultObject;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.storage.Finding.Kind;
import io.keyflow.storage.Finding.Severity;
import io.keyflow.storage.StorageReconciliation.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorageReconciliationTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Provenance KEPT =
      new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN");
  private static final UsageAttributes DATA = KeyRole.DATA_ENCRYPTION.usage("SECRET_KEY");
  private static final Provenance EXPORTABLE =
      new Provenance(true, true, true, true, false, "CKM_AES_KEY_GEN");

  private static Entry entry(String alias, boolean exportable, KeyState state, String kcv) {
    UUID versionId = UUID.randomUUID();
    ManagedKey key =
        new ManagedKey(
            UUID.randomUUID(),
            alias,
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            exportable,
            Duration.ofDays(365),
            Duration.ofDays(1095),
            "why",
            versionId,
            NOW,
            Environment.PRODUCTION);
    KeyVersion version =
        new KeyVersion(
            versionId,
            key.id(),
            1,
            state,
            "pkcs11",
            "keyflow/" + alias + "/v1",
            versionId,
            kcv,
            exportable ? EXPORTABLE : KEPT,
            NOW,
            NOW,
            NOW.plus(Duration.ofDays(365)),
            null,
            null,
            state.isLive() ? null : NOW,
            null,
            "alice",
            "bob",
            "pi");
    return new Entry(key, version);
  }

  private static VaultObject object(Entry entry, Provenance provenance, String kcv) {
    return new VaultObject(
        entry.version().hsmKeyId().toString(),
        entry.version().hsmLabel(),
        "SECRET_KEY",
        "AES",
        provenance,
        kcv,
        DATA);
  }

  private static List<Finding> reconcile(List<Entry> inventory, List<VaultObject> objects) {
    return StorageReconciliation.reconcile(inventory, objects, "pkcs11", Map.of(), Map.of());
  }

  @Test
  void aVaultThatMatchesTheInventoryHasNoFindings() {
    Entry kept = entry("kept", false, KeyState.ACTIVE, "a1b2c3");
    Entry shared = entry("shared", true, KeyState.DEACTIVATED, "d4e5f6");
    Entry gone = entry("gone", false, KeyState.DESTROYED, "000000");
    assertThat(
            reconcile(
                List.of(kept, shared, gone),
                List.of(object(kept, KEPT, "a1b2c3"), object(shared, EXPORTABLE, "d4e5f6"))))
        .isEmpty();
  }

  @Test
  void findsALiveVersionWithoutObject() {
    Entry missing = entry("missing", false, KeyState.ACTIVE, "a1b2c3");
    assertThat(reconcile(List.of(missing), List.of()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.DRIFT);
              assertThat(f.kind()).isEqualTo(Kind.MISSING);
              assertThat(f.keyAlias()).isEqualTo("missing");
              assertThat(f.versionId()).isEqualTo(missing.version().id());
            });
  }

  @Test
  void findsAnObjectNoVersionAccountsFor() {
    VaultObject stranger =
        new VaultObject(
            "deadbeef", "someone-else\u0007", "SECRET_KEY", "AES", KEPT, "123456", DATA);
    assertThat(reconcile(List.of(), List.of(stranger)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.UNKNOWN_OBJECT);
              assertThat(f.objectId()).isEqualTo("deadbeef");
              assertThat(f.message()).contains("labelled 'someone-else?'");
            });
  }

  @Test
  void aDeclaredSystemObjectIsListedNotFlagged() {
    VaultObject audit =
        new VaultObject(
            "audit",
            "keyflow/audit",
            "PRIVATE_KEY",
            "EC",
            KEPT,
            "123456",
            KeyRole.SIGNING.usage("PRIVATE_KEY"));
    assertThat(
            StorageReconciliation.reconcile(
                List.of(), List.of(audit), "pkcs11", Map.of("audit", "ledger audit key"), Map.of()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.kind()).isEqualTo(Kind.SYSTEM_OBJECT);
            });
  }

  @Test
  void findsADestroyedVersionWhoseObjectStillExists() {
    Entry destroyed = entry("destroyed", false, KeyState.DESTROYED, "a1b2c3");
    assertThat(reconcile(List.of(destroyed), List.of(object(destroyed, KEPT, "a1b2c3"))))
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.NOT_ERASED));
  }

  @Test
  void findsAChangedKcv() {
    Entry swapped = entry("swapped", false, KeyState.ACTIVE, "a1b2c3");
    assertThat(reconcile(List.of(swapped), List.of(object(swapped, KEPT, "ffffff"))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.KCV_MISMATCH);
              assertThat(f.message()).contains("ffffff").contains("a1b2c3");
            });
  }

  @Test
  void findsDriftedAttributes() {
    Entry kept = entry("kept", false, KeyState.ACTIVE, "a1b2c3");
    Provenance loosened = new Provenance(false, false, false, true, false, "CKM_AES_KEY_GEN");
    List<Finding> findings = reconcile(List.of(kept), List.of(object(kept, loosened, "a1b2c3")));
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.ATTRIBUTES_DRIFTED);
              assertThat(f.message())
                  .contains("CKA_SENSITIVE is false")
                  .contains("CKA_EXTRACTABLE is true although the key was generated non-exportable")
                  .contains("CKA_ALWAYS_SENSITIVE was true and is now false")
                  .contains("CKA_NEVER_EXTRACTABLE was true and is now false")
                  .contains("CKA_LOCAL is false");
            });
  }

  @Test
  void anExtractableObjectIsDriftWhenTheInventoryNowSaysNotExportable() {
    Entry exportable = entry("exportable", true, KeyState.ACTIVE, "a1b2c3");
    ManagedKey edited =
        new ManagedKey(
            exportable.key().id(),
            "exportable",
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            false,
            Duration.ofDays(365),
            Duration.ofDays(1095),
            "why",
            exportable.version().id(),
            NOW,
            Environment.PRODUCTION);
    assertThat(
            reconcile(
                List.of(new Entry(edited, exportable.version())),
                List.of(object(exportable, EXPORTABLE, "a1b2c3"))))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("CKA_EXTRACTABLE is true"));
  }

  @Test
  void aDataKeyThatMayAlsoWrapIsReportedAsUsageDrift() {
    Entry kept = entry("kept", false, KeyState.ACTIVE, "a1b2c3");
    UsageAttributes oldTemplate = new UsageAttributes(true, true, true, true, false, true, false);
    VaultObject object =
        new VaultObject(
            kept.version().hsmKeyId().toString(),
            kept.version().hsmLabel(),
            "SECRET_KEY",
            "AES",
            KEPT,
            "a1b2c3",
            oldTemplate);

    assertThat(reconcile(List.of(kept), List.of(object)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.DRIFT);
              assertThat(f.kind()).isEqualTo(Kind.USAGE_DRIFTED);
              assertThat(f.message())
                  .contains("[encrypt, decrypt, verify, wrap, unwrap]")
                  .contains("DATA_ENCRYPTION key's template is [encrypt, decrypt]")
                  .contains("rotate the key");
            });
  }

  @Test
  void anAuditKeyWhosePrivateHalfMayDecryptIsReportedAsUsageDrift() {
    UsageAttributes decryptSignUnwrap =
        new UsageAttributes(false, true, false, true, true, false, false);
    VaultObject audit =
        new VaultObject(
            "audit", "keyflow/audit", "PRIVATE_KEY", "EC", KEPT, "123456", decryptSignUnwrap);
    VaultObject auditPublic =
        new VaultObject(
            "audit",
            "keyflow/audit",
            "PUBLIC_KEY",
            "EC",
            KEPT,
            "123456",
            KeyRole.SIGNING.usage("PUBLIC_KEY"));

    List<Finding> findings =
        StorageReconciliation.reconcile(
            List.of(),
            List.of(audit, auditPublic),
            "pkcs11",
            Map.of("audit", "ledger audit key"),
            Map.of("audit", KeyRole.SIGNING));

    assertThat(findings)
        .filteredOn(f -> f.kind() == Kind.USAGE_DRIFTED)
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains("PRIVATE_KEY usage is [decrypt, sign, unwrap]"));
  }

  @Test
  void aLiveVersionOfAnotherBackendCannotBeChecked() {
    Entry elsewhere = entry("elsewhere", false, KeyState.ACTIVE, "a1b2c3");
    List<Finding> findings =
        StorageReconciliation.reconcile(
            List.of(elsewhere), List.of(), "software", Map.of(), Map.of());
    assertThat(findings)
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.OTHER_BACKEND));
  }

  @Test
  void driftComesFirstAndTheOrderIsStable() {
    List<Entry> inventory = new ArrayList<>();
    List<VaultObject> objects = new ArrayList<>();
    for (String alias : List.of("b", "a", "c")) {
      Entry entry = entry(alias, false, KeyState.ACTIVE, "a1b2c3");
      inventory.add(entry);
    }
    objects.add(new VaultObject("zz", "", "SECRET_KEY", "AES", KEPT, null, DATA));
    List<Finding> findings = reconcile(inventory, objects);
    assertThat(findings).extracting(Finding::keyAlias).containsExactly("a", "b", "c", null);
    assertThat(reconcile(inventory, objects)).isEqualTo(findings);
  }
}
