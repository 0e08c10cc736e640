package io.keyflow.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.keyflow.hsm.DataKey;
import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.OaepHash;
import io.keyflow.hsm.SignatureMechanism;
import io.keyflow.hsm.VaultKey;
import io.keyflow.hsm.VaultObject;
import io.keyflow.hsm.WrappedKey;
import io.keyflow.hsm.pkcs11.Pkcs11Objects.Handles;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.GCM_PARAMS;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_OAEP_PARAMS;

/**
 * The vault on a PKCS#11 token (a network HSM in production, SoftHSM2 in tests). Keys are token
 * objects addressed by CKA_ID = the key version's UUID; material never leaves the token except
 * wrapped, and only for keys generated exportable. Generation is idempotent by id: an attempt is
 * recorded in the {@link GenerationJournal} before the token is asked, and only an id recorded
 * before is searched for on the token (a scan of every object on SoftHSM2) before generating.
 *
 * <p>Construction performs every start-up check and logs in, so a misconfigured vault fails while
 * the application starts, with one sentence naming the setting to fix.
 */
// Longer than Keyflow's usual 250 lines on purpose: it is the whole KeyVault port for PKCS#11, one
// method per vault operation, and keeping them together keeps every template, session and handle
// rule of this backend in one place a reviewer can read against the token's object listing.
final class Pkcs11KeyVault implements KeyVault, AutoCloseable {

  private static final int GCM_IV_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;

  /** What a token answers C_Verify for a signature or MAC that does not verify. */
  private static final Set<Long> BAD_SIGNATURE =
      Set.of(CKR_SIGNATURE_INVALID, CKR_SIGNATURE_LEN_RANGE);

  /** What SoftHSM (and others) return for a GCM tag that does not verify. */
  private static final Set<Long> BAD_CIPHERTEXT =
      Set.of(CKR_GENERAL_ERROR, CKR_ENCRYPTED_DATA_INVALID, CKR_ENCRYPTED_DATA_LEN_RANGE);

  private final SessionPool pool;
  private final OaepHash oaepHash;
  private final HandleCache handles = new HandleCache();
  private final SecureRandom random = new SecureRandom();
  private final GenerationJournal journal;

  /**
   * Opens the vault reading environment variables (PIN, SOFTHSM2_CONF) from {@code env}, without a
   * generation journal: every generation searches the token first.
   */
  public Pkcs11KeyVault(Pkcs11Properties props, Map<String, String> env) {
    this(props, env, GenerationJournal.NONE);
  }

  /**
   * Opens the vault with the PIN from the process environment or the PIN file, and {@code journal}.
   */
  Pkcs11KeyVault(Pkcs11Properties props, GenerationJournal journal) {
    this(props, System.getenv(), journal);
  }

  /** Opens the vault reading {@code env}, recording generations in {@code journal}. */
  Pkcs11KeyVault(Pkcs11Properties props, Map<String, String> env, GenerationJournal journal) {
    this.journal = journal;
    Pkcs11Startup startup = new Pkcs11Startup(props, env);
    Path module = startup.checkModule();
    char[] pin = startup.readPin();
    try {
      SharedModule shared = Pkcs11Modules.shared(module);
      shared.maxBackoff(props.reconnectMaxBackoff());
      this.pool =
          new SessionPool(shared, startup::findToken, pin, props.sessionPoolSize(), handles::clear);
    } catch (PKCS11Exception e) {
      long code = e.getErrorCode();
      if (code == CKR_PIN_INCORRECT || code == CKR_PIN_LEN_RANGE || code == CKR_PIN_INVALID) {
        throw new KeyVaultException.Misconfigured(
            "The HSM rejected the user PIN from "
                + startup.pinSource()
                + ": set the correct PIN there",
            null);
      }
      throw new KeyVaultException.Misconfigured(
          "Could not log in to the token '"
              + props.tokenLabel()
              + "' ("
              + e.getErrorName()
              + "): check keyflow.hsm.pkcs11.token-label and the PIN",
          e);
    } finally {
      Arrays.fill(pin, '\0');
    }
    this.oaepHash = props.oaepHash();
  }

  @Override
  public String backend() {
    return "pkcs11";
  }

  @Override
  public OaepHash preferredOaepHash() {
    return oaepHash;
  }

  /**
   * Generates the key, or returns the one an earlier attempt with the same id made. An id the
   * journal has never seen is generated at once; any other is searched for on the token first.
   */
  @Override
  public VaultKey generate(KeySpec spec) {
    // Serialised per id so two threads of this JVM never both find "none" and both create.
    synchronized (handles.lockFor(spec.id())) {
      if (!firstAttempt(spec.id())) {
        Optional<VaultKey> existing = find(spec.id());
        if (existing.isPresent()) {
          if (existing.get().algorithm() != spec.algorithm()) {
            throw new KeyVaultException.Conflict(
                "Key "
                    + spec.id()
                    + " already exists as "
                    + existing.get().algorithm()
                    + ", not "
                    + spec.algorithm());
          }
          return existing.get();
        }
      }
      return call(
          "generation",
          spec.id(),
          session -> {
            Mechanism mechanism = Pkcs11Templates.generationMechanism(spec.algorithm());
            Handles created;
            if (spec.algorithm().kind() == KeyAlgorithm.Kind.SECRET) {
              long handle = session.generateKey(mechanism, Pkcs11Templates.secretKey(spec));
              created = new Handles(handle, -1, CKO_SECRET_KEY);
            } else {
              var pair = session.generateKeyPair(mechanism, Pkcs11Templates.keyPair(spec));
              created = new Handles(pair.getPrivateKey(), pair.getPublicKey(), CKO_PRIVATE_KEY);
            }
            handles.put(spec.id(), created);
            return describe(session, spec.id(), created);
          });
    }
  }

  @Override
  public Optional<VaultKey> find(UUID id) {
    return call(
        "lookup",
        id,
        session -> {
          Handles found = handles.lookup(session, id);
          return found == null ? Optional.empty() : Optional.of(describe(session, id, found));
        });
  }

  @Override
  public PublicKey publicKey(UUID id) {
    return withKey(
        id,
        "public key read",
        (session, key) -> Pkcs11Objects.publicKey(session, requirePair(id, key).publicKey()));
  }

  @Override
  public GcmCiphertext encrypt(UUID keyId, byte[] plaintext, byte[] aad) {
    byte[] iv = new byte[GCM_IV_BYTES];
    random.nextBytes(iv);
    byte[] ciphertext =
        withKey(
            keyId,
            "encryption",
            (session, key) ->
                session.encryptSingle(
                    gcm(iv, aad), requireSecret(keyId, key).primary(), plaintext));
    return new GcmCiphertext(iv, ciphertext);
  }

  @Override
  public byte[] decrypt(UUID keyId, GcmCiphertext ciphertext, byte[] aad) {
    try {
      return withKeyRaw(
          keyId,
          (session, key) ->
              session.decryptSingle(
                  gcm(ciphertext.iv(), aad),
                  requireSecret(keyId, key).primary(),
                  ciphertext.ciphertext()));
    } catch (PKCS11Exception e) {
      if (BAD_CIPHERTEXT.contains(e.getErrorCode())) {
        throw new KeyVaultException.DecryptionFailed(keyId);
      }
      throw Pkcs11Errors.map(e, "decryption", keyId);
    }
  }

  @Override
  public WrappedKey wrapForRecipient(UUID keyId, PublicKey recipientKey, OaepHash hash) {
    if (!(recipientKey instanceof RSAPublicKey rsa)) {
      throw new IllegalArgumentException("a recipient wrapping key must be an RSA public key");
    }
    long hashMechanism = hash == OaepHash.SHA1 ? CKM_SHA_1 : CKM_SHA256;
    long mgf = hash == OaepHash.SHA1 ? CKG_MGF1_SHA1 : CKG_MGF1_SHA256;
    Mechanism oaep = new Mechanism(CKM_RSA_PKCS_OAEP, new RSA_PKCS_OAEP_PARAMS(hashMechanism, mgf));
    // A device without this OAEP hash answers CKR_ARGUMENTS_BAD or CKR_MECHANISM_PARAM_INVALID,
    // which maps to Misconfigured; the operation name points at the setting.
    String operation = "RSA-OAEP-" + hash.name() + " wrapping (see keyflow.hsm.pkcs11.oaep-hash)";
    return withKey(
        keyId,
        operation,
        (session, key) -> {
          requireSecret(keyId, key);
          long recipient = session.createObject(Pkcs11Templates.recipientKey(rsa));
          try {
            byte[] wrapped = session.wrapKey(oaep, recipient, key.primary());
            return new WrappedKey(
                keyId, "RSA-OAEP-" + hash.name(), wrapped, Pkcs11Objects.kcv(session, key));
          } finally {
            session.destroyObject(recipient);
          }
        });
  }

  @Override
  public WrappedKey wrapUnderKek(UUID keyId, UUID kekId) {
    return withKey(
        kekId,
        "AES-KWP wrapping",
        (session, kek) -> {
          Handles key = handles.lookup(session, keyId);
          if (key == null) {
            throw new KeyVaultException.KeyNotFound(keyId);
          }
          // SoftHSM2 answers a KEK without CKA_WRAP with CKR_WRAPPING_KEY_HANDLE_INVALID, which
          // reads
          // like a stale handle; asking first gives the same refusal as every other usage
          // violation.
          if (!Boolean.TRUE.equals(
              session.getAttrValues(requireSecret(kekId, kek).primary(), CKA_WRAP).wrap())) {
            throw new KeyVaultException.UsageNotPermitted(kekId, "AES-KWP wrapping");
          }
          byte[] wrapped =
              session.wrapKey(
                  new Mechanism(CKM_AES_KEY_WRAP_PAD),
                  kek.primary(),
                  requireSecret(keyId, key).primary());
          return new WrappedKey(keyId, "AES-KWP", wrapped, Pkcs11Objects.kcv(session, key));
        },
        keyId);
  }

  @Override
  public byte[] sign(UUID keyId, byte[] data) {
    return withKey(
        keyId,
        "signing",
        (session, key) -> {
          requirePair(keyId, key);
          long keyType = session.getAttrValues(key.primary(), CKA_KEY_TYPE).keyType();
          if (keyType == CKK_RSA) {
            return session.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), key.primary(), data);
          }
          // CKM_ECDSA signs a digest and returns raw r||s; callers get DER like the JDK produces.
          byte[] raw =
              session.signSingle(
                  new Mechanism(CKM_ECDSA), key.primary(), EcdsaSignatures.sha256(data));
          return EcdsaSignatures.rawToDer(raw);
        });
  }

  /**
   * C_GenerateRandom for the 32 bytes, then C_Encrypt (AES-GCM) under the data-encryption key, in
   * one session. A session-object AES key wrapped with C_WrapKey would need CKA_WRAP on the
   * data-encryption key, and reading its value back needs it non-sensitive and extractable: the
   * token's random generator gives the same key without loosening either key's attributes.
   */
  @Override
  public DataKey generateDataKey(UUID keyId, byte[] aad) {
    byte[] iv = new byte[GCM_IV_BYTES];
    random.nextBytes(iv);
    return withKey(
        keyId,
        "data key generation",
        (session, key) -> {
          requireSecret(keyId, key);
          byte[] plaintext = session.generateRandom(DataKey.LENGTH);
          try {
            byte[] wrapped = session.encryptSingle(gcm(iv, aad), key.primary(), plaintext);
            return new DataKey(plaintext, new GcmCiphertext(iv, wrapped));
          } catch (PKCS11Exception | RuntimeException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw e;
          }
        });
  }

  @Override
  public GcmCiphertext reencrypt(
      UUID fromKeyId, GcmCiphertext ciphertext, byte[] aad, UUID toKeyId) {
    byte[] iv = new byte[GCM_IV_BYTES];
    random.nextBytes(iv);
    try {
      return withKeyRaw(
          fromKeyId,
          (session, from) -> {
            Handles to = handles.lookup(session, toKeyId);
            if (to == null) {
              throw new KeyVaultException.KeyNotFound(toKeyId);
            }
            requireSecret(toKeyId, to);
            byte[] plaintext;
            try {
              plaintext =
                  session.decryptSingle(
                      gcm(ciphertext.iv(), aad),
                      requireSecret(fromKeyId, from).primary(),
                      ciphertext.ciphertext());
            } catch (PKCS11Exception e) {
              if (BAD_CIPHERTEXT.contains(e.getErrorCode())) {
                throw new KeyVaultException.DecryptionFailed(fromKeyId);
              }
              throw e;
            }
            try {
              return new GcmCiphertext(
                  iv, session.encryptSingle(gcm(iv, aad), to.primary(), plaintext));
            } finally {
              Arrays.fill(plaintext, (byte) 0);
            }
          },
          toKeyId);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.map(e, "re-encryption", fromKeyId);
    }
  }

  @Override
  public byte[] signDigest(UUID keyId, SignatureMechanism mechanism, byte[] digest) {
    requireDigest(mechanism, digest);
    return withKey(
        keyId,
        "signing",
        (session, key) -> {
          requirePair(keyId, key);
          requireScheme(session, keyId, key, mechanism);
          byte[] signature =
              session.signSingle(
                  Pkcs11Signing.mechanism(mechanism),
                  key.primary(),
                  Pkcs11Signing.input(mechanism, digest));
          return mechanism.isEcdsa() ? EcdsaSignatures.rawToDer(signature) : signature;
        });
  }

  @Override
  public boolean verifyDigest(
      UUID keyId, SignatureMechanism mechanism, byte[] digest, byte[] signature) {
    requireDigest(mechanism, digest);
    return withKey(
        keyId,
        "signature verification",
        (session, key) -> {
          requirePair(keyId, key);
          KeyAlgorithm algorithm = requireScheme(session, keyId, key, mechanism);
          byte[] presented =
              mechanism.isEcdsa()
                  ? EcdsaSignatures.derToRaw(signature, (algorithm.bits() + 7) / 8)
                  : signature;
          if (presented == null) {
            return false;
          }
          try {
            session.verifySingle(
                Pkcs11Signing.mechanism(mechanism),
                key.publicKey(),
                Pkcs11Signing.input(mechanism, digest),
                presented);
            return true;
          } catch (PKCS11Exception e) {
            if (BAD_SIGNATURE.contains(e.getErrorCode())) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public byte[] mac(UUID keyId, byte[] data) {
    return withKey(
        keyId,
        "MAC generation",
        (session, key) ->
            session.signSingle(
                new Mechanism(CKM_SHA256_HMAC), requireSecret(keyId, key).primary(), data));
  }

  @Override
  public boolean verifyMac(UUID keyId, byte[] data, byte[] tag) {
    return withKey(
        keyId,
        "MAC verification",
        (session, key) -> {
          requireSecret(keyId, key);
          if (tag.length != 32) {
            return false;
          }
          try {
            session.verifySingle(new Mechanism(CKM_SHA256_HMAC), key.primary(), data, tag);
            return true;
          } catch (PKCS11Exception e) {
            if (BAD_SIGNATURE.contains(e.getErrorCode())) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public byte[] random(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("random: length must be positive");
    }
    return call("random generation", null, session -> session.generateRandom(length));
  }

  @Override
  public boolean destroy(UUID id) {
    synchronized (handles.lockFor(id)) {
      return call(
          "destruction",
          id,
          session -> {
            long[] objects = Pkcs11Objects.findById(session, Pkcs11Templates.ckaId(id));
            handles.forget(id);
            for (long object : objects) {
              session.destroyObject(object);
            }
            return objects.length > 0;
          });
    }
  }

  @Override
  public List<VaultObject> list() {
    return call("listing", null, Pkcs11Listing::list);
  }

  /** Asks the token for its information; a token that does not answer starts a reconnection. */
  @Override
  public void probe() {
    pool.probe();
  }

  /** Closes this vault's sessions; the library itself stays initialised for the JVM's lifetime. */
  @Override
  public void close() {
    pool.close();
  }

  // ---- helpers ----

  /**
   * Records the attempt; without that record nothing may be generated, or a retry could skip the
   * search.
   */
  private boolean firstAttempt(UUID id) {
    try {
      return journal.recordAttempt(id);
    } catch (RuntimeException e) {
      throw new KeyVaultException.Unavailable(
          "The vault could not record the generation of key "
              + id
              + " before asking the token; nothing was generated, and the step can be tried again",
          e);
    }
  }

  @FunctionalInterface
  private interface KeyWork<T> {
    T run(Session session, Handles key) throws PKCS11Exception;
  }

  private VaultKey describe(Session session, UUID id, Handles key) throws PKCS11Exception {
    KeyAlgorithm algorithm = Pkcs11Objects.algorithm(session, key);
    if (algorithm == null) {
      throw new KeyVaultException.Conflict(
          "The object with CKA_ID " + id + " is not a key Keyflow can use");
    }
    String label = session.getAttrValues(key.primary(), CKA_LABEL).label();
    return new VaultKey(
        id,
        label,
        algorithm,
        Pkcs11Objects.provenance(session, key.primary()),
        Pkcs11Objects.kcv(session, key));
  }

  private <T> T call(String operation, UUID id, SessionPool.Work<T> work) {
    try {
      return pool.execute(work);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.map(e, operation, id);
    }
  }

  private <T> T withKey(UUID id, String operation, KeyWork<T> work, UUID... alsoUsed) {
    try {
      return withKeyRaw(id, work, alsoUsed);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.map(e, operation, id);
    }
  }

  /** Runs work on the key's handles; a stale cached handle is dropped and the work retried once. */
  private <T> T withKeyRaw(UUID id, KeyWork<T> work, UUID... alsoUsed) throws PKCS11Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return pool.execute(
            session -> {
              Handles key = handles.lookup(session, id);
              if (key == null) {
                throw new KeyVaultException.KeyNotFound(id);
              }
              return work.run(session, key);
            });
      } catch (PKCS11Exception e) {
        if (attempt > 0 || !Pkcs11Errors.isStaleHandle(e)) {
          throw e;
        }
        handles.forget(id);
        for (UUID other : alsoUsed) {
          handles.forget(other);
        }
      }
    }
  }

  private static Handles requireSecret(UUID id, Handles key) {
    if (key.objectClass() != CKO_SECRET_KEY) {
      throw new KeyVaultException.Conflict("Key " + id + " is a key pair, not an AES key");
    }
    return key;
  }

  private static Handles requirePair(UUID id, Handles key) {
    if (key.objectClass() != CKO_PRIVATE_KEY || key.publicKey() == -1) {
      throw new KeyVaultException.Conflict("Key " + id + " is not a key pair with a public key");
    }
    return key;
  }

  private static void requireDigest(SignatureMechanism mechanism, byte[] digest) {
    if (digest.length != mechanism.digestLength()) {
      throw new IllegalArgumentException(
          "a " + mechanism.hash() + " digest has " + mechanism.digestLength() + " bytes");
    }
  }

  /** The key's algorithm, when it signs with {@code mechanism} (RSA schemes RSA, ECDSA EC). */
  private static KeyAlgorithm requireScheme(
      Session session, UUID id, Handles key, SignatureMechanism mechanism) throws PKCS11Exception {
    KeyAlgorithm algorithm = Pkcs11Objects.algorithm(session, key);
    if (algorithm == null || !mechanism.allows(algorithm)) {
      throw new KeyVaultException.Conflict(
          "Key " + id + " is " + algorithm + " and cannot sign with " + mechanism.wireName());
    }
    return algorithm;
  }

  private static Mechanism gcm(byte[] iv, byte[] aad) {
    return new Mechanism(
        CKM_AES_GCM, new GCM_PARAMS(iv, aad == null ? new byte[0] : aad, GCM_TAG_BITS));
  }
}
