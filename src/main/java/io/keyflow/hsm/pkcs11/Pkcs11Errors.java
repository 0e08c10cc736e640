package io.keyflow.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.keyflow.hsm.KeyVaultException;
import java.util.Set;
import java.util.UUID;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/** Turns PKCS#11 return values into Keyflow's vault exceptions. */
final class Pkcs11Errors {

  /** Codes that say the handle cached for a key no longer names it (destroyed elsewhere, reset). */
  private static final Set<Long> STALE_HANDLE =
      Set.of(CKR_OBJECT_HANDLE_INVALID, CKR_KEY_HANDLE_INVALID);

  /** Codes that say the request itself cannot work with this device or configuration. */
  private static final Set<Long> CONFIGURATION =
      Set.of(
          CKR_MECHANISM_INVALID,
          CKR_MECHANISM_PARAM_INVALID,
          CKR_ARGUMENTS_BAD,
          CKR_KEY_TYPE_INCONSISTENT,
          CKR_KEY_FUNCTION_NOT_PERMITTED,
          CKR_TEMPLATE_INCONSISTENT,
          CKR_TEMPLATE_INCOMPLETE,
          CKR_ATTRIBUTE_VALUE_INVALID,
          CKR_KEY_SIZE_RANGE,
          CKR_PIN_INCORRECT,
          CKR_PIN_EXPIRED,
          CKR_PIN_LOCKED);

  /**
   * Codes after which the session, the login or the whole device may be gone: the session is
   * dropped and the device probed; if the probe fails too, the library is re-initialised (SoftHSM2
   * answers CKR_GENERAL_ERROR for everything once its token directory went away, and also for a
   * wrong GCM tag, hence the probe before any re-initialisation).
   */
  private static final Set<Long> BROKEN =
      Set.of(
          CKR_GENERAL_ERROR,
          CKR_DEVICE_ERROR,
          CKR_DEVICE_REMOVED,
          CKR_DEVICE_MEMORY,
          CKR_FUNCTION_FAILED,
          CKR_SESSION_HANDLE_INVALID,
          CKR_SESSION_CLOSED,
          CKR_SESSION_COUNT,
          CKR_TOKEN_NOT_PRESENT,
          CKR_TOKEN_NOT_RECOGNIZED,
          CKR_CRYPTOKI_NOT_INITIALIZED,
          CKR_USER_NOT_LOGGED_IN,
          CKR_SLOT_ID_INVALID);

  private Pkcs11Errors() {}

  static boolean isBroken(PKCS11Exception e) {
    return BROKEN.contains(e.getErrorCode());
  }

  static boolean isStaleHandle(PKCS11Exception e) {
    return STALE_HANDLE.contains(e.getErrorCode());
  }

  /**
   * Maps a failure of {@code operation} on key {@code id}; device and session errors are transient.
   */
  static KeyVaultException map(PKCS11Exception e, String operation, UUID id) {
    long code = e.getErrorCode();
    if (code == CKR_KEY_UNEXTRACTABLE) {
      return new KeyVaultException.NotExtractable(id);
    }
    if (code == CKR_KEY_FUNCTION_NOT_PERMITTED && id != null) {
      // The key's usage attributes forbid the operation: a refusal, not a device fault.
      return new KeyVaultException.UsageNotPermitted(id, operation);
    }
    String subject = operation + (id == null ? "" : " of key " + id);
    if (CONFIGURATION.contains(code)) {
      return new KeyVaultException.Misconfigured(
          "The HSM refused "
              + subject
              + " with "
              + e.getErrorName()
              + "; check the keyflow.hsm.pkcs11 settings and the device's supported mechanisms",
          e,
          e.getErrorName());
    }
    return new KeyVaultException.Unavailable(
        "The HSM failed " + subject + " with " + e.getErrorName(), e, e.getErrorName());
  }
}
