package io.keyflow.crypto;

import io.keyflow.hsm.DataKey;
import io.keyflow.hsm.KeyVault;
import io.keyflow.key.KeyOperation;
import io.keyflow.key.KeyUsage;
import io.keyflow.key.KeyUsage.UsableVersion;
import org.springframework.stereotype.Service;

/**
 * Envelope encryption (compare KMS GenerateDataKey, Vault transit {@code datakey}): a fresh AES-256
 * data key made in the vault, returned in plaintext and wrapped (AES-256-GCM) under the primary
 * version of a DATA_AT_REST or DATA_IN_TRANSIT key. The caller encrypts its bulk data with the
 * plaintext key locally, stores the wrapped key beside it, and forgets the plaintext; unwrapping
 * later is a decryption under the version the envelope names. Data keys are never logged or stored
 * by Keyflow. A wrapped data key is an ordinary ciphertext of 32 bytes, so rewrap moves it to a new
 * version like any other.
 */
@Service
public class DataKeys {

  /** A data key as issued: the plaintext (null when not asked for) and the wrapped envelope. */
  public record Issued(String alias, int version, byte[] plaintext, String wrapped) {}

  private final KeyUsage usage;
  private final KeyVault vault;
  private final CryptoService crypto;

  DataKeys(KeyUsage usage, KeyVault vault, CryptoService crypto) {
    this.usage = usage;
    this.vault = vault;
    this.crypto = crypto;
  }

  /**
   * A new data key under the primary version of {@code alias}.
   *
   * @param withPlaintext false for a system that only stores the wrapped key for later ({@code
   *     GenerateDataKeyWithoutPlaintext}); the plaintext is then zeroed at once
   */
  public Issued issue(String alias, byte[] aad, boolean withPlaintext) {
    CryptoService.checkAad(aad);
    UsableVersion use =
        Purposes.require(
            usage.requireUsable(alias, null, KeyOperation.ENCRYPT), Purposes.DATA, "a data key");
    DataKey key = vault.generateDataKey(use.version().hsmKeyId(), aad);
    String wrapped = Envelope.of(use.version().number(), key.wrapped()).text();
    byte[] plaintext = withPlaintext ? key.plaintext().clone() : null;
    key.close();
    return new Issued(use.key().alias(), use.version().number(), plaintext, wrapped);
  }

  /**
   * The plaintext of a wrapped data key, under the version its envelope names; as decryption, a
   * COMPROMISED version only while a decrypt exception is open.
   */
  public byte[] unwrap(String alias, String wrapped, byte[] aad, String caller) {
    Envelope envelope = Envelope.parse("wrapped", wrapped);
    var ciphertext = envelope.ciphertext("wrapped");
    return crypto.decrypt(
        alias, envelope.version(), ciphertext.iv(), ciphertext.ciphertext(), aad, caller);
  }
}
