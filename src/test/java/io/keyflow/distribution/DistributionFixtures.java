package io.keyflow.distribution;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.Provenance;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientRegistry;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keys and recipients put straight into the inventory and registry, for process tests (public for
 * the modules that react to distribution, such as compromise's webhooks).
 */
public final class DistributionFixtures {

  static final String KCV = "a1b2c3";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final KeyRepository keys;
  private final RecipientRegistry registry;
  private final TransactionTemplate transactions;

  public DistributionFixtures(
      KeyRepository keys, RecipientRegistry registry, TransactionTemplate transactions) {
    this.keys = keys;
    this.registry = registry;
    this.transactions = transactions;
  }

  public static String unique(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet();
  }

  /** An AES-256 key with one ACTIVE primary version, as generation would have recorded it. */
  KeyVersion key(String alias, KeyPurpose purpose, boolean exportable, Environment environment) {
    UUID keyId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();
    Instant now = Instant.now();
    return transactions.execute(
        status -> {
          keys.insert(
              new ManagedKey(
                  keyId,
                  alias,
                  purpose,
                  KeyAlgorithm.AES_256,
                  "alice",
                  exportable,
                  Duration.ofDays(365),
                  Duration.ofDays(1095),
                  "fixture",
                  null,
                  now,
                  environment));
          KeyVersion version =
              KeyVersion.activated(
                  versionId,
                  keyId,
                  1,
                  "mock",
                  "keyflow/" + alias + "/v1",
                  KCV,
                  new Provenance(true, true, true, exportable, !exportable, "CKM_AES_KEY_GEN"),
                  now,
                  Duration.ofDays(365),
                  "alice",
                  "bob",
                  "fixture");
          keys.insert(version);
          keys.setPrimaryVersion(keyId, versionId);
          return version;
        });
  }

  public KeyVersion exportableKey(String alias) {
    return key(alias, KeyPurpose.DATA_AT_REST, true, Environment.PRODUCTION);
  }

  /**
   * A recipient registered by bob with a fresh RSA-3072 certificate whose key wraps its packages.
   */
  public Registered recipient(String name, Environment environment) {
    return recipient(name, environment, null);
  }

  /** A recipient registered by bob as above, told of compromises on {@code webhookUrl}. */
  public Registered recipient(String name, Environment environment, String webhookUrl) {
    Identity identity = TestCertificates.selfSigned(name, TestCertificates.rsa("recipient", 3072));
    Recipient recipient =
        registry.register(
            new RecipientRegistry.Registration(
                name, environment.name(), identity.certificatePem(), null, null, webhookUrl),
            "bob");
    return new Registered(recipient, identity);
  }

  /** A recipient registered with an EC certificate whose packages are wrapped under a KEK. */
  Registered kekRecipient(String name, String kekAlias) {
    Identity identity =
        TestCertificates.selfSigned(name, TestCertificates.ec("recipient", "secp256r1"));
    Recipient recipient =
        registry.register(
            new RecipientRegistry.Registration(
                name, "PRODUCTION", identity.certificatePem(), null, kekAlias, null),
            "bob");
    return new Registered(recipient, identity);
  }

  /** {@code holder} picks the package up, as the mutual-TLS pickup endpoint would. */
  public static void pickUp(ApplicationContext context, UUID packageId, Registered holder) {
    context
        .getBean(PackagePickup.class)
        .pickUp(packageId, holder.identity().certificate(), "TLSv1.3", "TLS_AES_256_GCM_SHA384");
  }

  public record Registered(Recipient recipient, Identity identity) {
    public String name() {
      return recipient.name();
    }
  }
}
