package io.keyflow.hsm;

import java.util.UUID;

/**
 * A vault operation that failed. Messages name key ids and settings, never key material or PINs.
 * {@link Unavailable} is transient (a retry may succeed); the others are permanent for that input.
 */
public sealed class KeyVaultException extends RuntimeException
    permits KeyVaultException.Unavailable,
        KeyVaultException.KeyNotFound,
        KeyVaultException.NotExtractable,
        KeyVaultException.Conflict,
        KeyVaultException.DecryptionFailed,
        KeyVaultException.Misconfigured,
        KeyVaultException.UsageNotPermitted {

  private final String deviceCode;

  KeyVaultException(String message, Throwable cause) {
    this(message, cause, null);
  }

  KeyVaultException(String message, Throwable cause, String deviceCode) {
    super(message, cause);
    this.deviceCode = deviceCode;
  }

  /**
   * What the device answered, e.g. {@code CKR_GENERAL_ERROR} (the PKCS#11 return value's name), or
   * {@code UNREACHABLE} when the call was refused at once because the device is being reconnected;
   * {@code NONE} when the failure did not come from a device (software vault, exhausted session
   * pool).
   */
  public String deviceCode() {
    return deviceCode == null ? "NONE" : deviceCode;
  }

  /** The vault could not be reached or failed for a reason that may pass (retry). */
  public static final class Unavailable extends KeyVaultException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    public Unavailable(String message, Throwable cause, String deviceCode) {
      super(message, cause, deviceCode);
    }
  }

  /** No key with that id is in the vault. */
  public static final class KeyNotFound extends KeyVaultException {
    public KeyNotFound(UUID id) {
      super("No key with id " + id + " is in the vault", null);
    }
  }

  /** The key cannot leave the vault, not even wrapped. */
  public static final class NotExtractable extends KeyVaultException {
    public NotExtractable(UUID id) {
      super("Key " + id + " is not extractable: it was generated to stay in the vault", null);
    }
  }

  /** A request contradicts what the vault holds (e.g. same id, other algorithm). */
  public static final class Conflict extends KeyVaultException {
    public Conflict(String message) {
      super(message, null);
    }
  }

  /** Ciphertext or tag did not verify under the key. */
  public static final class DecryptionFailed extends KeyVaultException {
    public DecryptionFailed(UUID id) {
      super(
          "Decryption under key " + id + " failed: ciphertext, IV, AAD or tag do not match", null);
    }
  }

  /** The vault's configuration is wrong; the message names the setting to fix. */
  public static final class Misconfigured extends KeyVaultException {
    public Misconfigured(String message, Throwable cause) {
      super(message, cause);
    }

    public Misconfigured(String message, Throwable cause, String deviceCode) {
      super(message, cause, deviceCode);
    }
  }

  /**
   * The key's usage attributes do not allow the operation (a data key asked to wrap, a key-wrapping
   * key asked to encrypt): keys are generated least-privilege for one role.
   */
  public static final class UsageNotPermitted extends KeyVaultException {
    public UsageNotPermitted(UUID id, String operation) {
      super(
          "Key "
              + id
              + " may not be used for "
              + operation
              + ": its usage attributes allow only what its"
              + " role needs; use a key generated for that purpose instead",
          null);
    }
  }
}
