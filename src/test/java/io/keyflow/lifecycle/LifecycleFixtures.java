package io.keyflow.lifecycle;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keys in the inventory without running a generation, and a mocked vault that behaves like one: it
 * holds what it generated (idempotently, by id) until it is destroyed.
 */
public final class LifecycleFixtures {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private LifecycleFixtures() {}

  /** A fresh alias, unique in the shared test database. */
  public static String alias(String prefix) {
    return prefix
        + "-"
        + SEQUENCE.incrementAndGet()
        + "-"
        + UUID.randomUUID().toString().substring(0, 6);
  }

  /**
   * An AES-256 key with version 1 ACTIVE and primary since {@code now}, protect-stop after the
   * purpose's encrypt period; its material is "in" the fake vault.
   */
  public static ManagedKey activeKey(
      KeyRepository keys, FakeVault vault, String alias, KeyPurpose purpose, Instant at) {
    // The engine clock has millisecond precision; so do the fixtures.
    Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    KeyPolicy policy = KeyPolicy.defaults(purpose);
    UUID keyId = UUID.randomUUID();
    ManagedKey key =
        new ManagedKey(
            keyId,
            alias,
            purpose,
            KeyAlgorithm.AES_256,
            "alice",
            true,
            policy.encryptPeriod(),
            policy.retention(),
            "fixture",
            null,
            now,
            Environment.PRODUCTION);
    keys.insert(key);
    UUID versionId = UUID.randomUUID();
    vault.holds(versionId);
    keys.insert(
        KeyVersion.activated(
            versionId,
            keyId,
            1,
            "mock",
            "keyflow/" + alias + "/v1",
            "a1b2c3",
            provenance(),
            now,
            policy.encryptPeriod(),
            "alice",
            "bob",
            null));
    keys.setPrimaryVersion(keyId, versionId);
    return key.withPrimaryVersion(versionId);
  }

  /**
   * A key rotated {@code deactivated} times at {@code at}: versions 1..deactivated DEACTIVATED
   * (retained for the purpose's retention from {@code at}), the last version ACTIVE and primary.
   * Every version's material is "in" the fake vault.
   */
  public static ManagedKey rotatedKey(
      KeyRepository keys,
      FakeVault vault,
      String alias,
      KeyPurpose purpose,
      Instant at,
      int deactivated) {
    Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    KeyPolicy policy = KeyPolicy.defaults(purpose);
    ManagedKey key = activeKey(keys, vault, alias, purpose, now);
    KeyVersion previous = keys.findVersion(key.primaryVersionId()).orElseThrow();
    for (int number = 2; number <= deactivated + 1; number++) {
      UUID versionId = UUID.randomUUID();
      vault.holds(versionId);
      keys.insert(
          KeyVersion.activated(
              versionId,
              key.id(),
              number,
              "mock",
              "keyflow/" + alias + "/v" + number,
              "a1b2c" + number,
              provenance(),
              now,
              policy.encryptPeriod(),
              "alice",
              "bob",
              null));
      keys.updateState(previous.deactivate(now, policy.retention()));
      keys.setPrimaryVersion(key.id(), versionId);
      previous = keys.findVersion(versionId).orElseThrow();
    }
    return key.withPrimaryVersion(previous.id());
  }

  public static Provenance provenance() {
    return new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN");
  }

  /** Wires a Mockito {@link KeyVault} mock to behave like a vault. */
  public static FakeVault fakeVault(KeyVault mock) {
    FakeVault fake = new FakeVault();
    lenient().when(mock.backend()).thenReturn("mock");
    lenient().when(mock.generate(any())).thenAnswer(call -> fake.generate(call.getArgument(0)));
    lenient().when(mock.find(any())).thenAnswer(call -> fake.find(call.getArgument(0)));
    lenient().when(mock.destroy(any())).thenAnswer(call -> fake.destroy(call.getArgument(0)));
    return fake;
  }

  /** The objects of the fake vault: ids with their labels. */
  public static final class FakeVault {
    private final Map<UUID, KeySpec> objects = new ConcurrentHashMap<>();
    private final AtomicInteger generated = new AtomicInteger();

    public void holds(UUID id) {
      objects.put(
          id,
          new KeySpec(id, "keyflow/fixture", KeyAlgorithm.AES_256, false, KeyRole.DATA_ENCRYPTION));
    }

    /** Removes an object as a destruction would; whether there was one. */
    public boolean remove(UUID id) {
      return objects.remove(id) != null;
    }

    public boolean contains(UUID id) {
      return objects.containsKey(id);
    }

    /** How many objects were actually created (a retry that finds its object creates none). */
    public int generatedCount() {
      return generated.get();
    }

    public VaultKey generate(KeySpec spec) {
      if (objects.putIfAbsent(spec.id(), spec) == null) {
        generated.incrementAndGet();
      }
      return vaultKey(objects.get(spec.id()));
    }

    public Optional<VaultKey> find(UUID id) {
      KeySpec spec = objects.get(id);
      return spec == null ? Optional.empty() : Optional.of(vaultKey(spec));
    }

    boolean destroy(UUID id) {
      return objects.remove(id) != null;
    }

    /** Like a vault: an exportable key is extractable, any other never was. */
    private static VaultKey vaultKey(KeySpec spec) {
      Provenance provenance =
          new Provenance(
              true, true, true, spec.exportable(), !spec.exportable(), "CKM_AES_KEY_GEN");
      return new VaultKey(spec.id(), spec.label(), spec.algorithm(), provenance, "d4e5f6");
    }
  }
}
