package io.keyflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The crypto API over HTTP on SoftHSM2, as a using system meets it: every operation, the version
 * state rules (rotation, compromise, destruction), the grant check, and each bad input refused with
 * the field named.
 */
class CryptoApiIT extends CryptoApiFixtures {

  @Autowired DecryptExceptions decryptExceptions;

  private static String key(ManagedKey key, String operation) {
    return "/api/keys/" + key.alias() + "/" + operation;
  }

  @Test
  void aDataKeyIsIssuedInPlaintextAndWrappedAndUnwrapsToTheSameKey() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    grant(key, "encrypt", "decrypt");

    JsonNode issued = ok(key(key, "data-keys"), body("aad", b64("backup 2026-12-04")));
    JsonNode withoutPlaintext = ok(key(key, "data-keys") + "?plaintext=false", "{}");

    assertThat(issued.get("version").asInt()).isEqualTo(1);
    assertThat(unb64(issued.get("plaintext"))).hasSize(32);
    assertThat(issued.get("wrapped").asText()).startsWith("keyflow:v1:");
    assertThat(withoutPlaintext.has("plaintext")).isFalse();
    assertThat(withoutPlaintext.get("wrapped").asText()).startsWith("keyflow:v1:");
    JsonNode unwrapped =
        ok(
            key(key, "data-keys/decrypt"),
            body("wrapped", issued.get("wrapped").asText(), "aad", b64("backup 2026-12-04")));
    assertThat(unb64(unwrapped.get("plaintext"))).isEqualTo(unb64(issued.get("plaintext")));
    assertThat(
            refused(
                key(key, "data-keys/decrypt"),
                body("wrapped", issued.get("wrapped").asText()),
                422))
        .contains("the ciphertext, IV, AAD or tag do not match");
  }

  @Test
  void afterARotationRewrapMovesCiphertextsToTheNewVersionWhileTheOldOneOnlyDecrypts()
      throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    grant(key, "encrypt", "decrypt");
    JsonNode underV1 = ok(key(key, "encrypt"), body("plaintext", b64("row 1"), "aad", b64("t1")));
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(ok(key(key, "data-keys") + "?plaintext=false", "{}").get("wrapped").asText());
    }
    byte[] dataKey =
        unb64(ok(key(key, "data-keys/decrypt"), body("wrapped", batch.get(7))).get("plaintext"));

    KeyVersion v2 = rotate(key);
    JsonNode single =
        ok(
            key(key, "rewrap"),
            body(
                "version",
                1,
                "iv",
                underV1.get("iv").asText(),
                "ciphertext",
                underV1.get("ciphertext").asText(),
                "aad",
                b64("t1")));
    List<Map<String, String>> items = new ArrayList<>();
    batch.forEach(wrapped -> items.add(Map.of("ciphertext", wrapped)));
    JsonNode rewrapped = ok(key(key, "rewrap"), body("items", items));

    assertThat(version(key, 1).state()).isEqualTo(KeyState.DEACTIVATED);
    assertThat(single.get("version").asInt()).isEqualTo(v2.number());
    assertThat(single.get("ciphertext").asText()).startsWith("keyflow:v2:");
    JsonNode decrypted =
        ok(
            key(key, "decrypt"),
            body(
                "version",
                2,
                "iv",
                single.get("iv").asText(),
                "ciphertext",
                rewrapped(single.get("ciphertext").asText()),
                "aad",
                b64("t1")));
    assertThat(new String(unb64(decrypted.get("plaintext")))).isEqualTo("row 1");
    assertThat(rewrapped.get("items")).hasSize(50);
    String moved = rewrapped.get("items").get(7).get("ciphertext").asText();
    assertThat(moved).startsWith("keyflow:v2:");
    assertThat(unb64(ok(key(key, "data-keys/decrypt"), body("wrapped", moved)).get("plaintext")))
        .isEqualTo(dataKey);
    // Version 1 still unwraps what it made, but makes nothing new.
    assertThat(
            ok(key(key, "data-keys/decrypt"), body("wrapped", batch.get(0))).get("version").asInt())
        .isEqualTo(1);
    assertThat(ok(key(key, "data-keys"), "{}").get("version").asInt()).isEqualTo(2);
  }

  /** The raw ciphertext part of an envelope (IV stripped), as /decrypt takes it. */
  private static String rewrapped(String envelope) {
    byte[] bytes = Base64.getDecoder().decode(envelope.substring(envelope.lastIndexOf(':') + 1));
    return b64(java.util.Arrays.copyOfRange(bytes, 12, bytes.length));
  }

  @Test
  void rewrapIsRefusedForACompromisedVersionUnlessADecryptExceptionIsOpen() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    grant(key, "encrypt", "decrypt");
    String wrapped = ok(key(key, "data-keys"), "{}").get("wrapped").asText();
    KeyVersion v1 = version(key, 1);
    keys.updateState(v1.markCompromised(clock.instant()));
    newVersion(key, 2);

    assertThat(refused(key(key, "rewrap"), body("ciphertext", wrapped), 409))
        .contains("Version 1 of key '" + key.alias() + "' was reported compromised on")
        .contains("can no longer decrypt");
    assertThat(refused(key(key, "data-keys/decrypt"), body("wrapped", wrapped), 409))
        .contains("was reported compromised");

    decryptExceptions.open(
        key.id(),
        v1.id(),
        "exception-" + key.alias(),
        "alice",
        "bob",
        clock.instant().plus(Duration.ofHours(1)));
    JsonNode rescued = ok(key(key, "rewrap"), body("ciphertext", wrapped));
    assertThat(rescued.get("ciphertext").asText()).startsWith("keyflow:v2:");
  }

  @Test
  void aDestroyedVersionIsRefusedWith409NamingIt() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_IN_TRANSIT);
    grant(key, "encrypt", "decrypt");
    String wrapped = ok(key(key, "data-keys"), "{}").get("wrapped").asText();
    rotate(key);
    KeyVersion v1 = version(key, 1);
    vault.destroy(v1.hsmKeyId());
    keys.updateState(v1.destroy(clock.instant().plus(Duration.ofDays(31))));

    assertThat(refused(key(key, "rewrap"), body("ciphertext", wrapped), 409))
        .startsWith("Version 1 of key '" + key.alias() + "' was destroyed on")
        .endsWith("and can no longer decrypt");
  }

  @Test
  void signaturesOfEverySchemeVerifyHereAndInTheJdkAgainstThePublishedKey() throws Exception {
    ManagedKey rsa = newKey(KeyAlgorithm.RSA_3072, KeyPurpose.SIGNING);
    ManagedKey ec = newKey(KeyAlgorithm.EC_P384, KeyPurpose.SIGNING);
    grant(rsa, "sign", "verify");
    grant(ec, "sign", "verify");
    byte[] message = "release 4.2.0".getBytes();
    for (String mechanism :
        List.of(
            "RSA-PSS-SHA256",
            "RSA-PSS-SHA512",
            "RSA-PKCS1-SHA256",
            "RSA-PKCS1-SHA384",
            "ECDSA-SHA384",
            "ECDSA-SHA256")) {
      ManagedKey signer = mechanism.startsWith("RSA") ? rsa : ec;
      JsonNode signed =
          ok(key(signer, "sign"), body("message", b64(message), "mechanism", mechanism));
      assertThat(signed.get("mechanism").asText()).isEqualTo(mechanism);
      assertThat(signed.get("signature").asText()).startsWith("keyflow:v1:");
      assertThat(jdkVerifies(publicKey(signer), mechanism, message, unb64(signed.get("raw"))))
          .as(mechanism)
          .isTrue();
      String hash = "SHA-" + mechanism.substring(mechanism.length() - 3);
      String digest = b64(MessageDigest.getInstance(hash).digest(message));
      assertThat(
              ok(
                      key(signer, "verify"),
                      body(
                          "signature",
                          signed.get("signature").asText(),
                          "digest",
                          digest,
                          "mechanism",
                          mechanism))
                  .get("valid")
                  .asBoolean())
          .as(mechanism)
          .isTrue();
    }
    JsonNode byDefault = ok(key(ec, "sign"), body("message", b64(message)));
    assertThat(byDefault.get("mechanism").asText()).isEqualTo("ECDSA-SHA384");
    JsonNode forged =
        ok(
            key(ec, "verify"),
            body(
                "signature", byDefault.get("signature").asText(), "message", b64("release 4.2.1")));
    assertThat(forged.get("valid").asBoolean()).isFalse();

    // After a rotation version 1 still verifies what it signed; new signatures come from v2.
    rotate(ec);
    assertThat(
            ok(
                    key(ec, "verify"),
                    body("signature", byDefault.get("signature").asText(), "message", b64(message)))
                .get("valid")
                .asBoolean())
        .isTrue();
    assertThat(ok(key(ec, "sign"), body("message", b64(message))).get("version").asInt())
        .isEqualTo(2);
    HttpResponse<String> v1Key = rest.get(key(ec, "public-key") + "?version=1", "dave");
    assertThat(v1Key.statusCode()).isEqualTo(200);
    assertThat(v1Key.headers().firstValue("Keyflow-Key-Version")).contains("1");
    assertThat(v1Key.body()).startsWith("-----BEGIN PUBLIC KEY-----\n");
  }

  private PublicKey publicKey(ManagedKey key) throws Exception {
    HttpResponse<String> pem = rest.get(key(key, "public-key"), SYSTEM);
    assertThat(pem.statusCode()).as(pem.body()).isEqualTo(200);
    String base64 =
        pem.body()
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance(key.algorithm().isRsa() ? "RSA" : "EC")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static boolean jdkVerifies(
      PublicKey key, String mechanism, byte[] message, byte[] signature) throws Exception {
    String bits = mechanism.substring(mechanism.length() - 3);
    Signature verifier;
    if (mechanism.startsWith("RSA-PSS")) {
      verifier = Signature.getInstance("RSASSA-PSS");
      verifier.setParameter(
          new java.security.spec.PSSParameterSpec(
              "SHA-" + bits,
              "MGF1",
              new java.security.spec.MGF1ParameterSpec("SHA-" + bits),
              Integer.parseInt(bits) / 8,
              1));
    } else {
      verifier =
          Signature.getInstance(
              "SHA" + bits + (mechanism.startsWith("ECDSA") ? "withECDSA" : "withRSA"));
    }
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  @Test
  void aMacKeyMakesTagsAndChecksThemAndOnlyWithTheRightGrant() throws Exception {
    ManagedKey mac = newKey(KeyAlgorithm.HMAC_SHA256, KeyPurpose.MAC);
    grant(mac, "verify");

    assertThat(refused(key(mac, "mac"), body("data", b64("x")), 403))
        .contains("System 'app' holds no live grant to sign with key '" + mac.alias() + "'");
    grant(mac, "sign");
    JsonNode tagged = ok(key(mac, "mac"), body("data", b64("amount=17.50")));
    String tag = tagged.get("mac").asText();

    assertThat(tag).startsWith("keyflow:v1:");
    assertThat(unb64(tagged.get("raw"))).hasSize(32);
    assertThat(
            ok(key(mac, "mac/verify"), body("mac", tag, "data", b64("amount=17.50")))
                .get("valid")
                .asBoolean())
        .isTrue();
    assertThat(
            ok(key(mac, "mac/verify"), body("mac", tag, "data", b64("amount=1750")))
                .get("valid")
                .asBoolean())
        .isFalse();
  }

  @Test
  void everyOperationIsInTheOpenApiDescription() throws Exception {
    HttpResponse<String> openapi = rest.get("/api/openapi", "dave");
    assertThat(openapi.statusCode()).isEqualTo(200);
    JsonNode paths = json.readTree(openapi.body()).get("paths");
    for (String path :
        List.of(
            "/api/keys/{alias}/data-keys",
            "/api/keys/{alias}/data-keys/decrypt",
            "/api/keys/{alias}/rewrap",
            "/api/keys/{alias}/sign",
            "/api/keys/{alias}/verify",
            "/api/keys/{alias}/mac",
            "/api/keys/{alias}/mac/verify",
            "/api/keys/{alias}/public-key",
            "/api/random")) {
      assertThat(paths.has(path)).as(path).isTrue();
    }
  }

  @Test
  void randomBytesComeFromTheHsmInTheLengthAsked() throws Exception {
    HttpResponse<String> random = rest.get("/api/random?bytes=1024", SYSTEM);
    assertThat(random.statusCode()).isEqualTo(200);
    assertThat(unb64(json.readTree(random.body()).get("bytes"))).hasSize(1024);
    assertThat(unb64(json.readTree(rest.get("/api/random?bytes=1", SYSTEM).body()).get("bytes")))
        .hasSize(1);
    for (String bad : List.of("0", "1025", "-3")) {
      HttpResponse<String> refused = rest.get("/api/random?bytes=" + bad, SYSTEM);
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.body()).contains("bytes: between 1 and 1024");
    }
    assertThat(rest.get("/api/random", SYSTEM).statusCode()).isEqualTo(422);
    assertThat(rest.get("/api/random?bytes=8", "dave").statusCode()).isEqualTo(403);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsMade() throws Exception {
    ManagedKey data = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    ManagedKey signing = newKey(KeyAlgorithm.EC_P256, KeyPurpose.SIGNING);
    grant(data, "encrypt", "decrypt");
    grant(signing, "sign", "verify");
    String envelope = ok(key(data, "data-keys"), "{}").get("wrapped").asText();

    assertThat(
            refused(
                key(signing, "sign"),
                body("message", b64("m"), "mechanism", "RSA-PSS-SHA256"),
                422))
        .isEqualTo(
            "mechanism: RSA-PSS-SHA256 needs an RSA key; key '" + signing.alias() + "' is EC-P256");
    assertThat(
            refused(
                key(signing, "sign"), body("message", b64("m"), "mechanism", "MD5withRSA"), 422))
        .startsWith("mechanism: unknown signature mechanism; known: RSA-PSS-SHA256");
    assertThat(refused(key(signing, "sign"), body("digest", b64(new byte[20])), 422))
        .isEqualTo("digest: a SHA-256 digest has 32 bytes; this one has 20");
    assertThat(refused(key(signing, "sign"), body("message", "not base64!"), 422))
        .isEqualTo("message is not valid base64");
    assertThat(refused(key(signing, "sign"), "{}", 422))
        .isEqualTo("message or digest: exactly one of them is required (base64)");
    assertThat(refused(key(signing, "sign"), body("message", b64(new byte[64 * 1024 + 1])), 422))
        .startsWith("message: larger than 65536 bytes");
    assertThat(refused(key(signing, "verify"), body("signature", "abc", "message", b64("m")), 422))
        .startsWith("signature is not a Keyflow envelope");
    assertThat(refused(key(data, "data-keys/decrypt"), body("wrapped", "keyflow:v1:%%%"), 422))
        .isEqualTo("wrapped is not valid base64 after keyflow:v<N>:");
    assertThat(refused(key(data, "data-keys"), body("aad", "%%"), 422))
        .isEqualTo("aad is not valid base64");
    List<Map<String, String>> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(Map.of("ciphertext", "keyflow:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    }
    assertThat(refused(key(data, "rewrap"), body("items", tooMany), 422))
        .isEqualTo("items: at most 1000 per call; this one has 1001");
    List<Map<String, String>> oneBad =
        List.of(Map.of("ciphertext", envelope), Map.of("ciphertext", "keyflow:v1:AAAA"));
    assertThat(refused(key(data, "rewrap"), body("items", oneBad), 422))
        .startsWith("items[1].ciphertext is too short");
    byte[] forged = java.util.Base64.getDecoder().decode(envelope.substring(11));
    forged[forged.length - 1] ^= 1;
    List<Map<String, String>> oneForged =
        List.of(Map.of("ciphertext", envelope), Map.of("ciphertext", "keyflow:v1:" + b64(forged)));
    assertThat(refused(key(data, "rewrap"), body("items", oneForged), 422))
        .startsWith("items[1].ciphertext: decryption with version 1")
        .endsWith("nothing was rewrapped");
    assertThat(version(data, 1).state()).isEqualTo(KeyState.ACTIVE);
  }

  @Test
  void aKeyOfTheWrongPurposeIsRefusedForTheOperation() throws Exception {
    ManagedKey data = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    ManagedKey signing = newKey(KeyAlgorithm.EC_P256, KeyPurpose.SIGNING);
    ManagedKey mac = newKey(KeyAlgorithm.HMAC_SHA256, KeyPurpose.MAC);
    grant(mac, "sign", "verify");

    // No grant can exist for an operation the key's purpose cannot do (the grant request is
    // refused), so the use is refused before the key is looked at.
    assertThat(refused(key(data, "sign"), body("message", b64("m")), 403))
        .contains("no live grant to sign");
    assertThat(refused(key(signing, "data-keys"), "{}", 403)).contains("no live grant to encrypt");
    // A MAC key holds sign and verify grants, but it is no signing key pair.
    assertThat(refused(key(mac, "sign"), body("message", b64("m")), 422))
        .isEqualTo(
            "alias: key '"
                + mac.alias()
                + "' is a MAC key (HMAC-SHA256); sign needs a SIGNING key");
    assertThat(
            refused(
                key(mac, "verify"), body("signature", "keyflow:v1:AAAA", "message", b64("m")), 422))
        .contains("verify needs a SIGNING key");
  }

  @Test
  void withoutAGrantEveryOperationIsRefusedWith403() throws Exception {
    ManagedKey data = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    ManagedKey signing = newKey(KeyAlgorithm.EC_P256, KeyPurpose.SIGNING);
    grant(data, "encrypt");

    assertThat(refused(key(data, "data-keys/decrypt"), body("wrapped", "keyflow:v1:AAAA"), 403))
        .contains("no live grant to decrypt");
    assertThat(refused(key(data, "rewrap"), body("ciphertext", "keyflow:v1:AAAA"), 403))
        .contains("no live grant to decrypt");
    assertThat(refused(key(signing, "sign"), body("message", b64("m")), 403))
        .contains("no live grant to sign");
    assertThat(refused(key(signing, "verify"), body("signature", "keyflow:v1:AAAA"), 403))
        .contains("no live grant to verify");
  }
}
