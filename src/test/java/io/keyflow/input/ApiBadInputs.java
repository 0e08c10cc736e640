package io.keyflow.input;

import static io.keyflow.input.BadInput.JSON;
import static io.keyflow.input.BadInput.get;
import static io.keyflow.input.BadInput.post;
import static io.keyflow.input.BadInput.send;
import static io.keyflow.input.Json.object;
import static io.keyflow.input.Json.repeat;
import static io.keyflow.input.Json.str;

import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Bad inputs to Keyflow's own {@code /api}: the crypto API, the inventory, the recipient registry
 * with bad PEMs and keys, the ledger, distribution and attestation listings, the demo clock. Every
 * answer is a problem-details 4xx; nothing changes.
 */
final class ApiBadInputs {

  private ApiBadInputs() {}

  static String b64(int bytes) {
    return Base64.getEncoder().encodeToString(new byte[bytes]);
  }

  static byte[] binary(int length) {
    byte[] bytes = new byte[length];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  static List<BadInput> all(CatalogueFixtures f) {
    String encrypt = "/api/keys/" + f.keyAlias() + "/encrypt";
    String decrypt = "/api/keys/" + f.keyAlias() + "/decrypt";
    String iv = str(b64(12));
    return List.of(
        get(
            "inventory: overdue is not a boolean",
            "/api/keys?overdue=maybe",
            "dave",
            400,
            "'overdue' must be true or false"),
        get(
            "inventory: an alias of 300 characters",
            "/api/keys/" + repeat('k', 300),
            "dave",
            404,
            "No key with alias"),
        get(
            "inventory: an alias with a space and a bang",
            "/api/keys/bad%20alias%21",
            "dave",
            404,
            "No key with alias"),
        get(
            "holders: an unknown key",
            "/api/keys/no-such-key/holders",
            "dave",
            404,
            "No key with alias"),
        send(
            "encrypt: a text/plain body",
            "POST",
            encrypt,
            "app",
            "text/plain",
            BadInput.bytes("hello"),
            415,
            ""),
        post("encrypt: broken JSON", encrypt, "app", "{\"plaintext\":", 400, "not valid JSON"),
        send(
            "encrypt: a binary body declared as JSON",
            "POST",
            encrypt,
            "app",
            JSON,
            binary(4096),
            400,
            ""),
        post(
            "encrypt: plaintext that is not base64",
            encrypt,
            "app",
            object("plaintext", str("not base64!")),
            422,
            "plaintext is not valid base64"),
        post(
            "encrypt: plaintext as an object",
            encrypt,
            "app",
            object("plaintext", "{\"a\":1}"),
            400,
            "Field 'plaintext'"),
        post(
            "encrypt: 70,000 bytes of plaintext",
            encrypt,
            "app",
            object("plaintext", str(b64(70_000))),
            422,
            "larger than 65536 bytes"),
        post(
            "encrypt: 9,000 bytes of AAD",
            encrypt,
            "app",
            object("plaintext", str(b64(4)), "aad", str(b64(9_000))),
            422,
            "AAD is larger"),
        post(
            "encrypt: a body of 1 MB",
            encrypt,
            "app",
            object("plaintext", str(b64(800_000))),
            413,
            "larger than"),
        post(
            "key group: a name with spaces",
            "/api/access/key-groups",
            "bob",
            object("name", str("bad name"), "environment", str("PRODUCTION")),
            422,
            "keyGroup must be 1 to 64 characters"),
        post(
            "key group: an unknown environment",
            "/api/access/key-groups",
            "bob",
            object("name", str("catalogue-group"), "environment", str("moon")),
            422,
            "environment must be PRODUCTION or TEST"),
        post(
            "key group: created by an engineer",
            "/api/access/key-groups",
            "alice",
            object("name", str("catalogue-group"), "environment", str("PRODUCTION")),
            403,
            "security-officer"),
        post(
            "grant: revoking an unknown grant",
            "/api/access/grants/00000000-0000-4000-8000-000000000000/revoke",
            "bob",
            object("reason", str("gone")),
            404,
            "No grant"),
        get(
            "grants: an unknown state",
            "/api/access/grants?state=SLEEPING",
            "dave",
            422,
            "state must be one of"),
        post(
            "encrypt: an unknown key (no grant names it; its existence is not told)",
            "/api/keys/no-such-key/encrypt",
            "app",
            object("plaintext", str(b64(4))),
            403,
            "holds no live grant to encrypt with key 'no-such-key'"),
        post(
            "encrypt: by an engineer",
            encrypt,
            "alice",
            object("plaintext", str(b64(4))),
            403,
            "key-user"),
        post(
            "decrypt: version is not a number",
            decrypt,
            "app",
            object("version", str("abc"), "iv", iv, "ciphertext", str(b64(32))),
            400,
            "Field 'version'"),
        post(
            "decrypt: version beyond any integer",
            decrypt,
            "app",
            object("version", "99999999999", "iv", iv, "ciphertext", str(b64(32))),
            400,
            "Field 'version'"),
        post(
            "decrypt: an IV of 3 bytes",
            decrypt,
            "app",
            object("version", "1", "iv", str(b64(3)), "ciphertext", str(b64(32))),
            422,
            "IV must be 12 bytes"),
        post(
            "decrypt: no version",
            decrypt,
            "app",
            object("iv", iv, "ciphertext", str(b64(32))),
            422,
            "version is required"),
        post(
            "decrypt: a ciphertext of 4 bytes",
            decrypt,
            "app",
            object("version", "1", "iv", iv, "ciphertext", str(b64(4))),
            422,
            "ciphertext must be between"),
        post(
            "decrypt: a version the key does not have",
            decrypt,
            "app",
            object("version", "7", "iv", iv, "ciphertext", str(b64(32))),
            404,
            "has no version 7"),
        post(
            "decrypt: a ciphertext that was never made",
            decrypt,
            "app",
            object("version", "1", "iv", iv, "ciphertext", str(b64(32))),
            422,
            "do not match"),
        send(
            "recipients: a text/plain body",
            "POST",
            "/api/recipients",
            "bob",
            "text/plain",
            BadInput.bytes("x"),
            415,
            ""),
        post(
            "recipients: broken JSON",
            "/api/recipients",
            "bob",
            "{\"name\":",
            400,
            "not valid JSON"),
        post(
            "recipients: a name containing NUL",
            "/api/recipients",
            "bob",
            f.registration(
                str("bad\u0000name"), str("PRODUCTION"), str(f.certificatePem()), "null"),
            422,
            "name must be"),
        post(
            "recipients: a name of 10,000 characters",
            "/api/recipients",
            "bob",
            f.registration(
                str(repeat('n', 10_000)), str("PRODUCTION"), str(f.certificatePem()), "null"),
            422,
            "name must be"),
        post(
            "recipients: a certificate that is not PEM",
            "/api/recipients",
            "bob",
            f.registration(
                str("garbage-cert"), str("PRODUCTION"), str("hello, I am a certificate"), "null"),
            422,
            "certificatePem"),
        post(
            "recipients: a certificate PEM of 20,000 characters",
            "/api/recipients",
            "bob",
            f.registration(
                str("huge-cert"),
                str("PRODUCTION"),
                str(
                    "-----BEGIN CERTIFICATE-----\n"
                        + repeat('A', 20_000)
                        + "\n-----END CERTIFICATE-----\n"),
                "null"),
            422,
            "certificatePem"),
        post(
            "recipients: a private key where the certificate goes",
            "/api/recipients",
            "bob",
            f.registration(str("private-cert"), str("PRODUCTION"), str(f.privateKeyPem()), "null"),
            422,
            "certificatePem"),
        post(
            "recipients: a certificate PEM with a broken body",
            "/api/recipients",
            "bob",
            f.registration(
                str("broken-cert"),
                str("PRODUCTION"),
                str("-----BEGIN CERTIFICATE-----\nAAAA!!!!\n-----END CERTIFICATE-----\n"),
                "null"),
            422,
            "certificatePem"),
        post(
            "recipients: the certificate as an array",
            "/api/recipients",
            "bob",
            f.registration(str("array-cert"), str("PRODUCTION"), "[1,2]", "null"),
            400,
            "Field 'certificatePem'"),
        post(
            "recipients: the environment MARS",
            "/api/recipients",
            "bob",
            f.registration(str("mars"), str("MARS"), str(f.certificatePem()), "null"),
            422,
            "PRODUCTION or TEST"),
        post(
            "recipients: an RSA-2048 wrapping key",
            "/api/recipients",
            "bob",
            f.registration(
                str("weak-wrap"),
                str("PRODUCTION"),
                str(f.otherCertificatePem()),
                str(f.rsa2048PublicKeyPem())),
            422,
            "3072"),
        post(
            "recipients: a wrapping key that is a certificate",
            "/api/recipients",
            "bob",
            f.registration(
                str("cert-wrap"),
                str("PRODUCTION"),
                str(f.otherCertificatePem()),
                str(f.certificatePem())),
            422,
            "wrappingPublicKeyPem"),
        post(
            "recipients: an expired certificate",
            "/api/recipients",
            "bob",
            f.registration(
                str("expired"), str("PRODUCTION"), str(f.expiredCertificatePem()), "null"),
            422,
            "expired"),
        post(
            "recipients: registered by an engineer",
            "/api/recipients",
            "alice",
            f.registration(
                str("by-engineer"), str("PRODUCTION"), str(f.otherCertificatePem()), "null"),
            403,
            ""),
        send(
            "recipients: update of an unknown recipient",
            "PUT",
            "/api/recipients/no-such-recipient",
            "bob",
            JSON,
            BadInput.bytes(f.registration("null", "null", str(f.otherCertificatePem()), "null")),
            404,
            "No recipient named"),
        post(
            "recipients: revocation with a reason of 5,000 characters",
            "/api/recipients/" + f.recipient() + "/revoke",
            "bob",
            object("reason", str(repeat('r', 5_000))),
            422,
            "longer than 2000"),
        post(
            "recipients: revocation without a reason",
            "/api/recipients/" + f.recipient() + "/revoke",
            "bob",
            object("reason", str(" ")),
            422,
            "reason is required"),
        post(
            "recipients: revocation of a name with bad characters",
            "/api/recipients/bad%20name%21/revoke",
            "bob",
            object("reason", str("r")),
            422,
            "name must be"),
        get("ledger: limit 0", "/api/ledger?limit=0", "dave", 400, "'limit'"),
        get("ledger: limit 100,000", "/api/ledger?limit=100000", "dave", 400, "'limit'"),
        get(
            "ledger: fromSeq is not a number",
            "/api/ledger?fromSeq=abc",
            "dave",
            400,
            "'fromSeq' must be a whole number"),
        get("distribution: limit -1", "/api/distribution?limit=-1", "dave", 400, "'limit'"),
        get(
            "distribution: a package id that is not a UUID",
            "/api/distribution/not-a-uuid",
            "dave",
            400,
            "'packageId' must be a UUID"),
        get(
            "distribution: pickup without mutual TLS",
            "/api/distribution/" + java.util.UUID.randomUUID() + "/package",
            null,
            403,
            "mutual TLS"),
        get("attestations: limit -1", "/api/storage/attestations?limit=-1", "dave", 400, "'limit'"),
        get(
            "attestations: an id that is not a UUID",
            "/api/storage/attestations/xyz",
            "dave",
            400,
            "'id' must be a UUID"),
        post(
            "demo clock: advanceDays is text",
            "/api/demo/clock",
            "admin",
            object("advanceDays", str("soon")),
            400,
            "Field 'advanceDays'"),
        post(
            "demo clock: advanceDays beyond any integer",
            "/api/demo/clock",
            "admin",
            object("advanceDays", "99999999999"),
            400,
            "Field 'advanceDays'"),
        post(
            "demo clock: advanceDays 0",
            "/api/demo/clock",
            "admin",
            object("advanceDays", "0"),
            422,
            "from 1 to"));
  }
}
