package io.keyflow.hsm;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one port through which Keyflow touches key material. Implementations: {@code pkcs11} (any
 * PKCS#11 module, SoftHSM2 in tests) and {@code software} (an encrypted key vault in the database).
 *
 * <p>Key bytes never cross this interface in plaintext: callers get ids, attributes, check values,
 * ciphertexts and wrapped keys. The one exception is a data key ({@link #generateDataKey}), which
 * exists to be handed to the caller; the vault keys that protect it never leave. Every method is
 * safe to call from several threads at once.
 */
public interface KeyVault {

  /** {@code pkcs11} or {@code software}. */
  String backend();

  /**
   * The RSA-OAEP hash this vault is configured to wrap with (SHA-256 unless the device only
   * supports SHA-1, as SoftHSM 2.6 does). Callers without a recipient-specific requirement pass
   * this to {@link #wrapForRecipient}.
   */
  default OaepHash preferredOaepHash() {
    return OaepHash.SHA256;
  }

  /**
   * Generates a key under {@code spec.id()}, or returns the existing one when a key with that id is
   * already in the vault (a retried job must never make a second object).
   *
   * @throws KeyVaultException.Conflict if the existing key has another algorithm
   */
  VaultKey generate(KeySpec spec);

  /** The key with this id, or empty when the vault holds none (never generated or destroyed). */
  Optional<VaultKey> find(UUID id);

  /** The public key of a key pair. */
  PublicKey publicKey(UUID id);

  /** AES-256-GCM encryption with a fresh random IV. */
  GcmCiphertext encrypt(UUID keyId, byte[] plaintext, byte[] aad);

  /**
   * AES-256-GCM decryption.
   *
   * @throws KeyVaultException.DecryptionFailed if the tag does not verify
   */
  byte[] decrypt(UUID keyId, GcmCiphertext ciphertext, byte[] aad);

  /**
   * Wraps a secret key under a recipient's RSA public key with RSA-OAEP.
   *
   * @throws KeyVaultException.NotExtractable if the key was generated non-exportable
   */
  WrappedKey wrapForRecipient(UUID keyId, PublicKey recipientKey, OaepHash hash);

  /**
   * Wraps a secret key under an AES key-encryption key held in this vault (AES-KWP, RFC 5649).
   *
   * @throws KeyVaultException.NotExtractable if the key was generated non-exportable
   */
  WrappedKey wrapUnderKek(UUID keyId, UUID kekId);

  /**
   * Signs data with a key pair's private key: SHA256withRSA (PKCS#1 v1.5) for RSA keys,
   * SHA256withECDSA for EC keys. ECDSA signatures are DER-encoded (the JDK's {@code
   * Signature.getInstance("SHA256withECDSA")} verifies them), not raw r||s.
   */
  byte[] sign(UUID keyId, byte[] data);

  /**
   * A fresh AES-256 data key: 32 bytes from the vault's random generator (C_GenerateRandom on a
   * token), returned in plaintext and encrypted with AES-256-GCM under {@code keyId} with {@code
   * aad}. The vault key needs only its encrypt usage: a data key is not a token object, so neither
   * CKA_WRAP on the data-encryption key (which would break the wrap/decrypt separation, see {@link
   * KeyRole}) nor an extractable session key is needed. {@link #decrypt} with the same AAD unwraps
   * it.
   */
  DataKey generateDataKey(UUID keyId, byte[] aad);

  /**
   * Decrypts {@code ciphertext} under {@code fromKeyId} and encrypts the plaintext under {@code
   * toKeyId} with a fresh IV and the same AAD, in one call: the plaintext exists only inside this
   * call and is zeroed before it returns (a PKCS#11 token has no re-encrypt mechanism for GCM data,
   * so it passes through the vault's own memory, never the caller's).
   *
   * @throws KeyVaultException.DecryptionFailed if the tag does not verify under {@code fromKeyId}
   */
  GcmCiphertext reencrypt(UUID fromKeyId, GcmCiphertext ciphertext, byte[] aad, UUID toKeyId);

  /**
   * Signs a digest made with {@code mechanism}'s hash with a key pair's private key. ECDSA
   * signatures are DER-encoded; RSA signatures are as long as the modulus.
   *
   * @throws IllegalArgumentException if the digest's length is not the hash's
   */
  byte[] signDigest(UUID keyId, SignatureMechanism mechanism, byte[] digest);

  /**
   * Whether {@code signature} is a valid {@code mechanism} signature of {@code digest} under the
   * key pair's public key; a malformed signature is simply not valid.
   */
  boolean verifyDigest(UUID keyId, SignatureMechanism mechanism, byte[] digest, byte[] signature);

  /** HMAC-SHA-256 of {@code data} under a MAC key (32 bytes). */
  byte[] mac(UUID keyId, byte[] data);

  /** Whether {@code tag} is the HMAC-SHA-256 of {@code data} under a MAC key (constant time). */
  boolean verifyMac(UUID keyId, byte[] data, byte[] tag);

  /** {@code length} random bytes from the vault's generator (C_GenerateRandom on a token). */
  byte[] random(int length);

  /**
   * Destroys the key irreversibly (C_DestroyObject; for the software vault, erasure of the
   * encrypted material).
   *
   * @return {@code true} if a key was destroyed, {@code false} if there was none with that id
   */
  boolean destroy(UUID id);

  /** Every key in the vault, Keyflow's or not, for reconciliation against the inventory. */
  List<VaultObject> list();

  /**
   * Checks that the vault can serve requests now (for the readiness probe). A PKCS#11 vault asks
   * the token for its information and, if the token does not answer, starts reconnecting.
   *
   * @throws KeyVaultException.Unavailable if it cannot
   */
  default void probe() {}
}
