package io.keyflow.hsm.software;

import io.keyflow.hsm.DataKey;
import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyCheckValues;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.Provenance;
import io.keyflow.hsm.SignatureMechanism;
import io.keyflow.hsm.UsageAttributes;
import io.keyflow.hsm.VaultKey;
import io.keyflow.hsm.VaultObject;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.hsm.software.SoftwareVaultProperties.KdfParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded vault for running without an HSM: keys are made with the JCE and stored in the
 * application's database, each sealed with AES-256-GCM under a master key derived from the
 * operator's secret. Decrypted material exists only for the duration of one operation and is zeroed
 * afterwards (the JCE's own internal key copies are outside Keyflow's reach).
 *
 * <p>Several application nodes may share the database: the key id is the primary key, so two
 * concurrent generations of one id leave exactly one row and both callers see it.
 */
// Longer than Keyflow's usual 250 lines on purpose: it is the whole KeyVault port for the software
// vault, one method per vault operation, so that its role and usage checks can be read side by side
// with the PKCS#11 backend they mirror.
final class SoftwareKeyVault implements KeyVault, AutoCloseable {

  private static final int LOCK_STRIPES = 64;

  private final SoftwareKeyStore store;
  private final MasterKey master;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * Opens (or on first use creates) the vault in the database behind {@code jdbc}.
   *
   * @throws KeyVaultException.Misconfigured if the secret is missing or does not open the vault
   */
  public SoftwareKeyVault(
      JdbcTemplate jdbc, byte[] masterSecret, SoftwareVaultProperties properties) {
    this(jdbc, masterSecret, properties.kdf());
  }

  SoftwareKeyVault(JdbcTemplate jdbc, byte[] masterSecret, KdfParameters kdf) {
    this.master = MasterKey.open(jdbc, masterSecret, kdf);
    this.store = new SoftwareKeyStore(jdbc);
    Arrays.setAll(locks, i -> new Object());
  }

  @Override
  public String backend() {
    return "software";
  }

  @Override
  public VaultKey generate(KeySpec spec) {
    // Serialised per id inside this JVM so a retry storm does not make (and discard) RSA keys;
    // across nodes the primary key decides.
    synchronized (locks[Math.floorMod(spec.id().hashCode(), LOCK_STRIPES)]) {
      Optional<StoredKey> existing = store.find(spec.id());
      if (existing.isEmpty()) {
        try {
          store.insert(seal(spec));
          return describe(store.find(spec.id()).orElseThrow());
        } catch (DuplicateKeyException raced) {
          existing = store.find(spec.id());
        }
      }
      StoredKey key = existing.orElseThrow(() -> new KeyVaultException.KeyNotFound(spec.id()));
      if (key.algorithm() != spec.algorithm()) {
        throw new KeyVaultException.Conflict(
            "Key "
                + spec.id()
                + " already exists as "
                + key.algorithm()
                + ", not "
                + spec.algorithm());
      }
      return describe(key);
    }
  }

  @Override
  public Optional<VaultKey> find(UUID id) {
    return store.find(id).map(SoftwareKeyVault::describe);
  }

  @Override
  public PublicKey publicKey(UUID id) {
    StoredKey key = requirePair(load(id));
    return crypto(id, () -> SoftwareCrypto.publicKey(key.algorithm(), key.publicKey()));
  }

  @Override
  public GcmCiphertext encrypt(UUID keyId, byte[] plaintext, byte[] aad) {
    byte[] iv = new byte[12];
    new java.security.SecureRandom().nextBytes(iv);
    byte[] ciphertext =
        withMaterial(
            requireUsage(requireSecret(load(keyId)), "encryption", UsageAttributes::encrypt),
            material -> SoftwareCrypto.gcm(Cipher.ENCRYPT_MODE, material, iv, aad, plaintext));
    return new GcmCiphertext(iv, ciphertext);
  }

  @Override
  public byte[] decrypt(UUID keyId, GcmCiphertext ciphertext, byte[] aad) {
    StoredKey key =
        requireUsage(requireSecret(load(keyId)), "decryption", UsageAttributes::decrypt);
    byte[] material = unseal(key);
    try {
      return SoftwareCrypto.gcm(
          Cipher.DECRYPT_MODE, material, ciphertext.iv(), aad, ciphertext.ciphertext());
    } catch (AEADBadTagException e) {
      throw new KeyVaultException.DecryptionFailed(keyId);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyVaultException.DecryptionFailed(keyId);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  @Override
  public WrappedKey wrapForRecipient(UUID keyId, PublicKey recipientKey, OaepHash hash) {
    StoredKey key = requireExportable(requireSecret(load(keyId)));
    byte[] wrapped =
        withMaterial(key, material -> SoftwareCrypto.oaepWrap(recipientKey, hash, material));
    return new WrappedKey(keyId, "RSA-OAEP-" + hash.name(), wrapped, key.kcv());
  }

  @Override
  public WrappedKey wrapUnderKek(UUID keyId, UUID kekId) {
    StoredKey key = requireExportable(requireSecret(load(keyId)));
    StoredKey kek =
        requireUsage(requireSecret(load(kekId)), "AES-KWP wrapping", UsageAttributes::wrap);
    byte[] kekMaterial = unseal(kek);
    try {
      byte[] wrapped = withMaterial(key, material -> SoftwareCrypto.kwpWrap(kekMaterial, material));
      return new WrappedKey(keyId, "AES-KWP", wrapped, key.kcv());
    } finally {
      Arrays.fill(kekMaterial, (byte) 0);
    }
  }

  @Override
  public byte[] sign(UUID keyId, byte[] data) {
    StoredKey key = requireUsage(requirePair(load(keyId)), "signing", UsageAttributes::sign);
    return withMaterial(
        key,
        pkcs8 ->
            SoftwareCrypto.sign(
                key.algorithm(), SoftwareCrypto.privateKey(key.algorithm(), pkcs8), data));
  }

  @Override
  public DataKey generateDataKey(UUID keyId, byte[] aad) {
    StoredKey key =
        requireUsage(requireSecret(load(keyId)), "data key generation", UsageAttributes::encrypt);
    byte[] iv = SoftwareCrypto.random(12);
    byte[] plaintext = SoftwareCrypto.random(DataKey.LENGTH);
    try {
      byte[] wrapped =
          withMaterial(
              key,
              material -> SoftwareCrypto.gcm(Cipher.ENCRYPT_MODE, material, iv, aad, plaintext));
      return new DataKey(plaintext, new GcmCiphertext(iv, wrapped));
    } catch (RuntimeException e) {
      Arrays.fill(plaintext, (byte) 0);
      throw e;
    }
  }

  @Override
  public GcmCiphertext reencrypt(
      UUID fromKeyId, GcmCiphertext ciphertext, byte[] aad, UUID toKeyId) {
    StoredKey to =
        requireUsage(requireSecret(load(toKeyId)), "re-encryption", UsageAttributes::encrypt);
    byte[] plaintext = decrypt(fromKeyId, ciphertext, aad);
    try {
      byte[] iv = SoftwareCrypto.random(12);
      return new GcmCiphertext(
          iv,
          withMaterial(
              to,
              material -> SoftwareCrypto.gcm(Cipher.ENCRYPT_MODE, material, iv, aad, plaintext)));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public byte[] signDigest(UUID keyId, SignatureMechanism mechanism, byte[] digest) {
    requireDigest(mechanism, digest);
    StoredKey key =
        requireScheme(
            requireUsage(requirePair(load(keyId)), "signing", UsageAttributes::sign), mechanism);
    return withMaterial(
        key,
        pkcs8 ->
            SoftwareCrypto.signDigest(
                SoftwareCrypto.privateKey(key.algorithm(), pkcs8), mechanism, digest));
  }

  @Override
  public boolean verifyDigest(
      UUID keyId, SignatureMechanism mechanism, byte[] digest, byte[] signature) {
    requireDigest(mechanism, digest);
    StoredKey key = requireScheme(requirePair(load(keyId)), mechanism);
    if (!key.usage("PUBLIC_KEY").verify()) {
      throw new KeyVaultException.UsageNotPermitted(keyId, "signature verification");
    }
    return crypto(
        keyId,
        () ->
            SoftwareCrypto.verifyDigest(
                SoftwareCrypto.publicKey(key.algorithm(), key.publicKey()),
                mechanism,
                digest,
                signature));
  }

  @Override
  public byte[] mac(UUID keyId, byte[] data) {
    StoredKey key =
        requireUsage(requireSecret(load(keyId)), "MAC generation", UsageAttributes::sign);
    return withMaterial(key, material -> SoftwareCrypto.hmac(material, data));
  }

  @Override
  public boolean verifyMac(UUID keyId, byte[] data, byte[] tag) {
    StoredKey key =
        requireUsage(requireSecret(load(keyId)), "MAC verification", UsageAttributes::verify);
    byte[] expected = withMaterial(key, material -> SoftwareCrypto.hmac(material, data));
    return java.security.MessageDigest.isEqual(expected, tag);
  }

  @Override
  public byte[] random(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("random: length must be positive");
    }
    return SoftwareCrypto.random(length);
  }

  @Override
  public boolean destroy(UUID id) {
    return store.delete(id);
  }

  @Override
  public List<VaultObject> list() {
    List<VaultObject> objects = new ArrayList<>();
    for (StoredKey key : store.all()) {
      Provenance provenance = provenance(key);
      String keyType =
          key.algorithm().isRsa()
              ? "RSA"
              : key.algorithm().isEc() ? "EC" : key.algorithm().isHmac() ? "GENERIC_SECRET" : "AES";
      if (key.algorithm().kind() == KeyAlgorithm.Kind.SECRET) {
        objects.add(
            new VaultObject(
                key.id().toString(),
                key.label(),
                "SECRET_KEY",
                keyType,
                provenance,
                key.kcv(),
                key.usage("SECRET_KEY")));
      } else {
        objects.add(
            new VaultObject(
                key.id().toString(),
                key.label(),
                "PRIVATE_KEY",
                keyType,
                provenance,
                key.kcv(),
                key.usage("PRIVATE_KEY")));
        Provenance open =
            new Provenance(true, false, false, true, false, provenance.keyGenMechanism());
        objects.add(
            new VaultObject(
                key.id().toString(),
                key.label(),
                "PUBLIC_KEY",
                keyType,
                open,
                key.kcv(),
                key.usage("PUBLIC_KEY")));
      }
    }
    return objects;
  }

  /** Zeroes the master key held in memory. */
  @Override
  public void close() {
    master.close();
  }

  // ---- helpers ----

  @FunctionalInterface
  private interface MaterialWork<T> {
    T run(byte[] material) throws GeneralSecurityException;
  }

  @FunctionalInterface
  private interface CryptoWork<T> {
    T run() throws GeneralSecurityException;
  }

  private StoredKey seal(KeySpec spec) {
    byte[] material = null;
    try {
      byte[] publicKey = null;
      String kcv;
      if (spec.algorithm().kind() == KeyAlgorithm.Kind.SECRET) {
        material =
            spec.algorithm().isHmac() ? SoftwareCrypto.newHmacKey() : SoftwareCrypto.newAesKey();
        kcv =
            spec.algorithm().isHmac()
                ? KeyCheckValues.ofHmacKey(material)
                : KeyCheckValues.ofAesKey(material);
      } else {
        KeyPair pair = SoftwareCrypto.newKeyPair(spec.algorithm());
        material = pair.getPrivate().getEncoded();
        publicKey = pair.getPublic().getEncoded();
        kcv = KeyCheckValues.ofPublicKey(pair.getPublic());
      }
      StoredKey unsealed =
          new StoredKey(
              spec.id(),
              spec.label(),
              spec.algorithm(),
              spec.exportable(),
              null,
              null,
              publicKey,
              kcv,
              spec.role());
      MasterKey.Sealed sealed = master.seal(material, unsealed.aad());
      return unsealed.withMaterial(sealed.iv(), sealed.ciphertext());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JVM cannot generate " + spec.algorithm(), e);
    } finally {
      if (material != null) {
        Arrays.fill(material, (byte) 0);
      }
    }
  }

  private byte[] unseal(StoredKey key) {
    try {
      return master.unseal(new MasterKey.Sealed(key.iv(), key.material()), key.aad());
    } catch (AEADBadTagException e) {
      // The row was altered (swapped, or its algorithm or exportable flag edited): refuse to use
      // it.
      throw new KeyVaultException.Conflict(
          "The stored material of key "
              + key.id()
              + " does not authenticate: its vault row was altered");
    }
  }

  private <T> T withMaterial(StoredKey key, MaterialWork<T> work) {
    byte[] material = unseal(key);
    try {
      return work.run(material);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Operation with key " + key.id() + " failed: " + e.getMessage(), e);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private static <T> T crypto(UUID id, CryptoWork<T> work) {
    try {
      return work.run();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Stored public key of " + id + " cannot be decoded", e);
    }
  }

  private StoredKey load(UUID id) {
    return store.find(id).orElseThrow(() -> new KeyVaultException.KeyNotFound(id));
  }

  private static StoredKey requireSecret(StoredKey key) {
    if (key.algorithm().kind() != KeyAlgorithm.Kind.SECRET) {
      throw new KeyVaultException.Conflict("Key " + key.id() + " is a key pair, not an AES key");
    }
    return key;
  }

  private static StoredKey requirePair(StoredKey key) {
    if (key.algorithm().kind() != KeyAlgorithm.Kind.KEY_PAIR) {
      throw new KeyVaultException.Conflict("Key " + key.id() + " is not a key pair");
    }
    return key;
  }

  /**
   * The same refusal a PKCS#11 token gives (CKR_KEY_FUNCTION_NOT_PERMITTED) for a key of another
   * role.
   */
  private static StoredKey requireUsage(
      StoredKey key, String operation, Predicate<UsageAttributes> allowed) {
    String objectClass =
        key.algorithm().kind() == KeyAlgorithm.Kind.SECRET ? "SECRET_KEY" : "PRIVATE_KEY";
    if (!allowed.test(key.usage(objectClass))) {
      throw new KeyVaultException.UsageNotPermitted(key.id(), operation);
    }
    return key;
  }

  private static void requireDigest(SignatureMechanism mechanism, byte[] digest) {
    if (digest.length != mechanism.digestLength()) {
      throw new IllegalArgumentException(
          "a " + mechanism.hash() + " digest has " + mechanism.digestLength() + " bytes");
    }
  }

  private static StoredKey requireScheme(StoredKey key, SignatureMechanism mechanism) {
    if (!mechanism.allows(key.algorithm())) {
      throw new KeyVaultException.Conflict(
          "Key "
              + key.id()
              + " is "
              + key.algorithm()
              + " and cannot sign with "
              + mechanism.wireName());
    }
    return key;
  }

  private static StoredKey requireExportable(StoredKey key) {
    if (!key.exportable()) {
      throw new KeyVaultException.NotExtractable(key.id());
    }
    return key;
  }

  private static VaultKey describe(StoredKey key) {
    return new VaultKey(key.id(), key.label(), key.algorithm(), provenance(key), key.kcv());
  }

  /** What a PKCS#11 token would report for a key generated inside it with this export policy. */
  private static Provenance provenance(StoredKey key) {
    String mechanism =
        switch (key.algorithm().kind()) {
          case SECRET ->
              key.algorithm().isHmac() ? "CKM_GENERIC_SECRET_KEY_GEN" : "CKM_AES_KEY_GEN";
          case KEY_PAIR ->
              key.algorithm().isRsa() ? "CKM_RSA_PKCS_KEY_PAIR_GEN" : "CKM_EC_KEY_PAIR_GEN";
        };
    return new Provenance(true, true, true, key.exportable(), !key.exportable(), mechanism);
  }
}
