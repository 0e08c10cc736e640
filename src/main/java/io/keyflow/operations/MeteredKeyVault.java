package io.keyflow.operations;

import io.keyflow.hsm.DataKey;
import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.SignatureMechanism;
import io.keyflow.hsm.VaultKey;
import io.keyflow.hsm.VaultObject;
import io.keyflow.hsm.WrappedKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Times every call through the vault port ({@code keyflow_hsm_operation_seconds}, a histogram by
 * operation and outcome) and counts the device's failures ({@code keyflow_hsm_errors_total} by the
 * PKCS#11 return value). Only failures that are not the caller's (the vault unavailable or
 * misconfigured) are errors: a missing key or a wrong GCM tag is an answer, not an HSM problem.
 */
final class MeteredKeyVault implements KeyVault, AutoCloseable {

  static final String TIMER = "keyflow.hsm.operation";
  static final String ERRORS = "keyflow.hsm.errors";

  /**
   * Histogram buckets: from a session-object operation (~1 ms) to an RSA key pair on a busy HSM.
   */
  private static final Duration[] BUCKETS =
      Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  private final KeyVault vault;
  private final MeterRegistry registry;

  MeteredKeyVault(KeyVault vault, MeterRegistry registry) {
    this.vault = vault;
    this.registry = registry;
  }

  @Override
  public String backend() {
    return vault.backend();
  }

  @Override
  public OaepHash preferredOaepHash() {
    return vault.preferredOaepHash();
  }

  @Override
  public VaultKey generate(KeySpec spec) {
    return timed("generate", () -> vault.generate(spec));
  }

  @Override
  public Optional<VaultKey> find(UUID id) {
    return timed("find", () -> vault.find(id));
  }

  @Override
  public PublicKey publicKey(UUID id) {
    return timed("public_key", () -> vault.publicKey(id));
  }

  @Override
  public GcmCiphertext encrypt(UUID keyId, byte[] plaintext, byte[] aad) {
    return timed("encrypt", () -> vault.encrypt(keyId, plaintext, aad));
  }

  @Override
  public byte[] decrypt(UUID keyId, GcmCiphertext ciphertext, byte[] aad) {
    return timed("decrypt", () -> vault.decrypt(keyId, ciphertext, aad));
  }

  @Override
  public WrappedKey wrapForRecipient(UUID keyId, PublicKey recipientKey, OaepHash hash) {
    return timed("wrap_for_recipient", () -> vault.wrapForRecipient(keyId, recipientKey, hash));
  }

  @Override
  public WrappedKey wrapUnderKek(UUID keyId, UUID kekId) {
    return timed("wrap_under_kek", () -> vault.wrapUnderKek(keyId, kekId));
  }

  @Override
  public byte[] sign(UUID keyId, byte[] data) {
    return timed("sign", () -> vault.sign(keyId, data));
  }

  @Override
  public DataKey generateDataKey(UUID keyId, byte[] aad) {
    return timed("generate_data_key", () -> vault.generateDataKey(keyId, aad));
  }

  @Override
  public GcmCiphertext reencrypt(
      UUID fromKeyId, GcmCiphertext ciphertext, byte[] aad, UUID toKeyId) {
    return timed("reencrypt", () -> vault.reencrypt(fromKeyId, ciphertext, aad, toKeyId));
  }

  @Override
  public byte[] signDigest(UUID keyId, SignatureMechanism mechanism, byte[] digest) {
    return timed("sign_digest", () -> vault.signDigest(keyId, mechanism, digest));
  }

  @Override
  public boolean verifyDigest(
      UUID keyId, SignatureMechanism mechanism, byte[] digest, byte[] signature) {
    return timed("verify_digest", () -> vault.verifyDigest(keyId, mechanism, digest, signature));
  }

  @Override
  public byte[] mac(UUID keyId, byte[] data) {
    return timed("mac", () -> vault.mac(keyId, data));
  }

  @Override
  public boolean verifyMac(UUID keyId, byte[] data, byte[] tag) {
    return timed("verify_mac", () -> vault.verifyMac(keyId, data, tag));
  }

  @Override
  public byte[] random(int length) {
    return timed("random", () -> vault.random(length));
  }

  @Override
  public boolean destroy(UUID id) {
    return timed("destroy", () -> vault.destroy(id));
  }

  @Override
  public List<VaultObject> list() {
    return timed("list", vault::list);
  }

  @Override
  public void probe() {
    timed(
        "probe",
        () -> {
          vault.probe();
          return null;
        });
  }

  @Override
  public void close() throws Exception {
    if (vault instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** The vault behind this decorator (for diagnostics). */
  KeyVault delegate() {
    return vault;
  }

  private <T> T timed(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "success";
    try {
      return call.get();
    } catch (KeyVaultException.Unavailable | KeyVaultException.Misconfigured e) {
      outcome = "error";
      Counter.builder(ERRORS)
          .description(
              "HSM calls that failed for a reason on the device's side, by PKCS#11 return value")
          .tag("ckr", e.deviceCode())
          .register(registry)
          .increment();
      throw e;
    } catch (RuntimeException e) {
      outcome = "refused";
      throw e;
    } finally {
      Timer.builder(TIMER)
          .description("Duration of calls through the key vault port")
          .tag("operation", operation)
          .tag("outcome", outcome)
          .tag("backend", vault.backend())
          .serviceLevelObjectives(BUCKETS)
          .register(registry)
          .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }
}
