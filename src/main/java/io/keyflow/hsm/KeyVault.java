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
 * ciphertexts and wrapped keys. Every method is safe to call from several threads at once.
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
