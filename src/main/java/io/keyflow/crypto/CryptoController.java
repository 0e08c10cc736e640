package io.keyflow.crypto;

import io.keyflow.access.AccessOperation;
import io.keyflow.access.KeyAccess;
import io.keyflow.security.AccessGuard;
import io.keyflow.shared.Refusal;
import java.util.Base64;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The crypto API for key users (role {@code key-user}): AES-256-GCM encryption under a key's
 * primary version, decryption with the version named in the request. Every call is checked against
 * the calling system's grants first ({@link KeyAccess}): without a live grant for the operation on
 * the key it is refused with 403. Binary values travel as base64. Nothing here logs a plaintext or
 * a ciphertext.
 */
@RestController
@RequestMapping("/api/keys")
class CryptoController {

  private final CryptoService crypto;
  private final AccessGuard access;
  private final KeyAccess keyAccess;

  CryptoController(CryptoService crypto, AccessGuard access, KeyAccess keyAccess) {
    this.crypto = crypto;
    this.access = access;
    this.keyAccess = keyAccess;
  }

  /**
   * @param aad optional additional authenticated data (base64), needed again to decrypt
   */
  record EncryptRequest(String plaintext, String aad) {}

  record EncryptResponse(String alias, int version, String iv, String ciphertext) {}

  record DecryptRequest(Integer version, String iv, String ciphertext, String aad) {}

  record DecryptResponse(String alias, int version, String plaintext) {}

  @PostMapping("/{alias}/encrypt")
  EncryptResponse encrypt(@PathVariable String alias, @RequestBody EncryptRequest request) {
    keyAccess.require(access.system(), alias, AccessOperation.ENCRYPT);
    CryptoService.Encrypted out =
        crypto.encrypt(
            alias,
            base64("plaintext", request.plaintext(), true),
            base64("aad", request.aad(), false));
    Base64.Encoder encoder = Base64.getEncoder();
    return new EncryptResponse(
        out.alias(),
        out.version(),
        encoder.encodeToString(out.iv()),
        encoder.encodeToString(out.ciphertext()));
  }

  @PostMapping("/{alias}/decrypt")
  DecryptResponse decrypt(@PathVariable String alias, @RequestBody DecryptRequest request) {
    String caller = access.system();
    keyAccess.require(caller, alias, AccessOperation.DECRYPT);
    if (request.version() == null) {
      throw new Refusal(
          Refusal.Kind.INVALID_REQUEST,
          "version is required: the key version the ciphertext was made with");
    }
    byte[] plaintext =
        crypto.decrypt(
            alias,
            request.version(),
            base64("iv", request.iv(), true),
            base64("ciphertext", request.ciphertext(), true),
            base64("aad", request.aad(), false),
            caller);
    return new DecryptResponse(
        alias, request.version(), Base64.getEncoder().encodeToString(plaintext));
  }

  private static byte[] base64(String field, String value, boolean required) {
    if (value == null) {
      if (required) {
        throw new Refusal(Refusal.Kind.INVALID_REQUEST, field + " is required (base64)");
      }
      return null;
    }
    try {
      return Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new Refusal(Refusal.Kind.INVALID_REQUEST, field + " is not valid base64");
    }
  }
}
