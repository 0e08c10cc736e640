package io.keyflow.crypto;

import io.keyflow.access.AccessOperation;
import io.keyflow.security.AccessGuard;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign ({@code sign} grant) and verify ({@code verify} grant) with SIGNING keys, and the public key
 * of a version as PEM for any authenticated caller (a public key is public: it is what lets anyone
 * verify offline with {@code openssl dgst -verify}).
 */
@RestController
@RequestMapping("/api/keys")
class SignatureController {

  private final Signatures signatures;
  private final CallingSystem caller;
  private final AccessGuard guard;

  SignatureController(Signatures signatures, CallingSystem caller, AccessGuard guard) {
    this.signatures = signatures;
    this.caller = caller;
    this.guard = guard;
  }

  /**
   * @param message the data to sign (base64, up to 64 KiB), or
   * @param digest its digest (base64) under the mechanism's hash
   * @param mechanism e.g. {@code RSA-PSS-SHA256}, {@code RSA-PKCS1-SHA384}, {@code ECDSA-SHA256};
   *     default RSA-PSS-SHA256 for RSA keys, ECDSA with the curve's hash for EC keys
   */
  record SignRequest(String message, String digest, String mechanism) {}

  /**
   * @param signature {@code keyflow:v<N>:<base64>}, what {@code /verify} takes
   * @param raw the signature alone (base64; DER for ECDSA), what {@code openssl dgst -verify} takes
   */
  record SignResponse(String alias, int version, String mechanism, String signature, String raw) {}

  record VerifyRequest(String signature, String message, String digest, String mechanism) {}

  record VerifyResponse(String alias, int version, String mechanism, boolean valid) {}

  @PostMapping("/{alias}/sign")
  SignResponse sign(@PathVariable String alias, @RequestBody SignRequest request) {
    caller.require(alias, AccessOperation.SIGN);
    Signatures.Signed signed =
        signatures.sign(alias, request.mechanism(), input(request.message(), request.digest()));
    return new SignResponse(
        signed.alias(),
        signed.version(),
        signed.mechanism().wireName(),
        signed.envelope(),
        Base64Fields.encode(signed.signature()));
  }

  @PostMapping("/{alias}/verify")
  VerifyResponse verify(@PathVariable String alias, @RequestBody VerifyRequest request) {
    caller.require(alias, AccessOperation.VERIFY);
    Signatures.Verified verified =
        signatures.verify(
            alias,
            request.signature(),
            request.mechanism(),
            input(request.message(), request.digest()));
    return new VerifyResponse(
        verified.alias(), verified.version(), verified.mechanism().wireName(), verified.valid());
  }

  /** PEM (SubjectPublicKeyInfo) of the primary version, or of {@code ?version=N}. */
  @GetMapping(value = "/{alias}/public-key", produces = "application/x-pem-file")
  ResponseEntity<String> publicKey(
      @PathVariable String alias, @RequestParam(required = false) Integer version) {
    guard.caller();
    String pem = signatures.publicKeyPem(alias, version);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-pem-file"))
        .header("Keyflow-Key-Version", String.valueOf(signatures.publicKeyVersion(alias, version)))
        .body(pem);
  }

  private static Signatures.Input input(String message, String digest) {
    return new Signatures.Input(
        Base64Fields.decode("message", message, false),
        Base64Fields.decode("digest", digest, false));
  }
}
