package io.keyflow.bench;

import io.keyflow.generation.KeyGenerationService;
import io.keyflow.generation.KeyRequest;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.VaultKey;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPolicy;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P2's key estate: {@code count} AES-256 keys generated on the token through Keyflow's vault, each
 * recorded as version 1, ACTIVE and primary, activated long enough ago that it stops protecting in
 * ten days (within the rotation lead time): the inventory an estate created in one go leaves,
 * seeded directly as {@code RotationCampaignPostgresIT} does, on several threads to keep seeding
 * short.
 */
final class DueKeySeeder {

  private static final Duration DUE_IN = Duration.ofDays(10);
  private static final int ATTEMPTS = 5;

  private final AtomicInteger retries = new AtomicInteger();

  private final KeyGenerationService generation;
  private final KeyRepository keys;
  private final KeyVault vault;
  private final Clock clock;

  DueKeySeeder(BenchStack stack) {
    this.generation = stack.bean(KeyGenerationService.class);
    this.keys = stack.bean(KeyRepository.class);
    this.vault = stack.bean(KeyVault.class);
    this.clock = stack.bean(Clock.class);
  }

  void seed(int count, int threads) throws Exception {
    KeyPolicy policy = KeyPolicy.defaults(KeyPurpose.DATA_AT_REST);
    Instant activated =
        clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(policy.encryptPeriod()).plus(DUE_IN);
    String prefix = "bench-p2-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    // One key first, on this thread: the vault's first sessions open and log in before any parallel
    // use.
    seedOne(prefix + String.format("%05d", 0), policy, activated);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = 1 + t;
        parts.add(
            pool.submit(
                () -> {
                  for (int i = first; i < count; i += threads) {
                    seedOne(prefix + String.format("%05d", i), policy, activated);
                  }
                  return null;
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * SoftHSM2 answers an occasional CKR_GENERAL_ERROR or CKR_TEMPLATE_INCONSISTENT when generations
   * and finds run on several sessions at once (see NOTES); a generation is idempotent by id, so
   * seeding tries again, as a job's retry does.
   */
  private VaultKey generate(UUID versionId, String label) {
    for (int attempt = 1; ; attempt++) {
      try {
        return generation.generateInVault(
            versionId, label, KeyAlgorithm.AES_256, false, KeyPurpose.DATA_AT_REST);
      } catch (KeyVaultException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        retries.incrementAndGet();
      }
    }
  }

  int retries() {
    return retries.get();
  }

  private void seedOne(String alias, KeyPolicy policy, Instant activated) {
    UUID keyId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();
    VaultKey made = generate(versionId, KeyRequest.label(alias, 1));
    ManagedKey key =
        new ManagedKey(
            keyId,
            alias,
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            false,
            policy.encryptPeriod(),
            policy.retention(),
            "estate created in one go (benchmark)",
            null,
            activated,
            Environment.PRODUCTION);
    keys.insert(key);
    keys.insert(
        KeyVersion.activated(
            versionId,
            keyId,
            1,
            vault.backend(),
            made.label(),
            made.kcv(),
            made.provenance(),
            activated,
            policy.encryptPeriod(),
            "alice",
            "bob",
            null));
    keys.setPrimaryVersion(keyId, versionId);
  }
}
