package io.keyflow.crypto;

import io.keyflow.hsm.GcmCiphertext;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyOperation;
import io.keyflow.key.KeyUsage;
import io.keyflow.key.KeyUsage.UsableVersion;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import org.springframework.stereotype.Service;

/**
 * Encryption as a service (compare Vault transit, KMS Encrypt/Decrypt): AES-256-GCM inside the
 * vault under a managed key. Encryption always uses the key's primary version; decryption names the
 * version the ciphertext was made with, and is refused for versions that may no longer decrypt
 * (destroyed, compromised, not yet active). Plaintexts and ciphertexts are never logged or stored.
 */
@Service
public class CryptoService {

  /** Largest plaintext accepted: the API is for data keys and small records, not bulk data. */
  public static final int MAX_PLAINTEXT = 64 * 1024;

  public static final int MAX_AAD = 8 * 1024;

  static final int IV_LENGTH = 12;
  static final int TAG_LENGTH = 16;

  /** A ciphertext and the version that made it. */
  public record Encrypted(String alias, int version, byte[] iv, byte[] ciphertext) {}

  private final KeyUsage usage;
  private final KeyVault vault;
  private final DecryptExceptions exceptions;

  CryptoService(KeyUsage usage, KeyVault vault, DecryptExceptions exceptions) {
    this.usage = usage;
    this.vault = vault;
    this.exceptions = exceptions;
  }

  /** Encrypts under the primary version of key {@code alias}. */
  public Encrypted encrypt(String alias, byte[] plaintext, byte[] aad) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "The plaintext is larger than " + MAX_PLAINTEXT + " bytes");
    }
    checkAad(aad);
    UsableVersion use = usage.requireUsable(alias, null, KeyOperation.ENCRYPT);
    requireAes(use);
    GcmCiphertext out = vault.encrypt(use.version().hsmKeyId(), plaintext, aad);
    return new Encrypted(use.key().alias(), use.version().number(), out.iv(), out.ciphertext());
  }

  /** Decrypts a ciphertext made with version {@code version} of key {@code alias}. */
  public byte[] decrypt(String alias, int version, byte[] iv, byte[] ciphertext, byte[] aad) {
    return decrypt(alias, version, iv, ciphertext, aad, null);
  }

  /**
   * Decrypts as {@code caller}: a COMPROMISED version decrypts only while an officer's decrypt
   * exception is open, and each such use is written to the ledger under the caller's name.
   */
  public byte[] decrypt(
      String alias, int version, byte[] iv, byte[] ciphertext, byte[] aad, String caller) {
    checkAad(aad);
    UsableVersion use;
    try {
      use = usage.requireUsable(alias, version, KeyOperation.DECRYPT);
    } catch (Refusal refusal) {
      use = exceptions.permitDecrypt(alias, version, caller).orElseThrow(() -> refusal);
    }
    requireAes(use);
    if (iv.length != IV_LENGTH) {
      throw new Refusal(
          Kind.INVALID_REQUEST, "The IV must be " + IV_LENGTH + " bytes; it is " + iv.length);
    }
    if (ciphertext.length < TAG_LENGTH || ciphertext.length > MAX_PLAINTEXT + TAG_LENGTH) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "The ciphertext must be between "
              + TAG_LENGTH
              + " and "
              + (MAX_PLAINTEXT + TAG_LENGTH)
              + " bytes");
    }
    try {
      return vault.decrypt(use.version().hsmKeyId(), new GcmCiphertext(iv, ciphertext), aad);
    } catch (KeyVaultException.DecryptionFailed e) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "Decryption with version "
              + version
              + " of key '"
              + use.key().alias()
              + "' failed: the ciphertext,"
              + " IV, AAD or tag do not match");
    }
  }

  private static void requireAes(UsableVersion use) {
    if (use.key().algorithm() != KeyAlgorithm.AES_256) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "Key '"
              + use.key().alias()
              + "' is "
              + Algorithms.name(use.key().algorithm())
              + "; encrypt and decrypt work with AES-256 keys only");
    }
  }

  static void checkAad(byte[] aad) {
    if (aad != null && aad.length > MAX_AAD) {
      throw new Refusal(Kind.INVALID_REQUEST, "The AAD is larger than " + MAX_AAD + " bytes");
    }
  }
}
