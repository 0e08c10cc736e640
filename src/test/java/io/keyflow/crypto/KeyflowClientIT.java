package io.keyflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.client.KeyflowClient;
import io.keyflow.client.KeyflowException;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.ManagedKey;
import io.keyflow.support.RestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java client (clients/java) against the running application, as a using system calls it. */
class KeyflowClientIT extends CryptoApiFixtures {

  private KeyflowClient client() {
    return KeyflowClient.builder(URI.create("http://localhost:" + port))
        .login(SYSTEM, RestClient.PASSWORD.toCharArray())
        .build();
  }

  @Test
  void encryptsDecryptsMakesDataKeysAndRewrapsAfterARotation() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    grant(key, "encrypt", "decrypt");
    KeyflowClient keyflow = client();
    byte[] aad = "customer 17".getBytes(StandardCharsets.UTF_8);

    String ciphertext = keyflow.encrypt(key.alias(), "IBAN DE89".getBytes(), aad);
    KeyflowClient.DataKey dataKey = keyflow.dataKey(key.alias(), null);
    String storedOnly = keyflow.wrappedDataKey(key.alias(), null);
    rotate(key);
    String moved = keyflow.rewrap(key.alias(), ciphertext, aad);
    List<String> keys = keyflow.rewrap(key.alias(), List.of(dataKey.wrapped(), storedOnly), null);

    assertThat(ciphertext).startsWith("keyflow:v1:");
    assertThat(new String(keyflow.decrypt(key.alias(), ciphertext, aad))).isEqualTo("IBAN DE89");
    assertThat(moved).startsWith("keyflow:v2:");
    assertThat(new String(keyflow.decrypt(key.alias(), moved, aad))).isEqualTo("IBAN DE89");
    assertThat(dataKey.version()).isEqualTo(1);
    assertThat(dataKey.plaintext()).hasSize(32);
    assertThat(keys).allSatisfy(k -> assertThat(k).startsWith("keyflow:v2:"));
    assertThat(keyflow.decryptDataKey(key.alias(), keys.get(0), null))
        .isEqualTo(dataKey.plaintext());
    assertThat(keyflow.decryptDataKey(key.alias(), storedOnly, null)).hasSize(32);
  }

  @Test
  void signsVerifiesMacsAndReadsRandomBytesAndThePublicKey() throws Exception {
    ManagedKey signing = newKey(KeyAlgorithm.RSA_3072, KeyPurpose.SIGNING);
    ManagedKey mac = newKey(KeyAlgorithm.HMAC_SHA256, KeyPurpose.MAC);
    grant(signing, "sign", "verify");
    grant(mac, "sign", "verify");
    KeyflowClient keyflow = client();
    byte[] message = "invoice 2026-117".getBytes(StandardCharsets.UTF_8);

    KeyflowClient.Signature signature = keyflow.sign(signing.alias(), message, null);
    String tag = keyflow.mac(mac.alias(), message);

    assertThat(signature.mechanism()).isEqualTo("RSA-PSS-SHA256");
    assertThat(signature.raw()).hasSize(384);
    assertThat(keyflow.verify(signing.alias(), signature.envelope(), message, null)).isTrue();
    assertThat(keyflow.verify(signing.alias(), signature.envelope(), "other".getBytes(), null))
        .isFalse();
    assertThat(
            keyflow
                .signDigest(
                    signing.alias(),
                    java.security.MessageDigest.getInstance("SHA-384").digest(message),
                    "RSA-PKCS1-SHA384")
                .mechanism())
        .isEqualTo("RSA-PKCS1-SHA384");
    assertThat(keyflow.verifyMac(mac.alias(), tag, message)).isTrue();
    assertThat(keyflow.verifyMac(mac.alias(), tag, "other".getBytes())).isFalse();
    assertThat(keyflow.random(48)).hasSize(48);
    assertThat(keyflow.publicKeyPem(signing.alias())).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void refusalsArriveAsExceptionsWithTheStatusTypeAndDetail() throws Exception {
    ManagedKey key = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    KeyflowClient keyflow = client();

    assertThatThrownBy(() -> keyflow.dataKey(key.alias(), null))
        .isInstanceOfSatisfying(
            KeyflowException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.getMessage()).contains("holds no live grant to encrypt");
            });
    grant(key, "encrypt");
    assertThatThrownBy(() -> keyflow.sign(key.alias(), new byte[] {1}, null))
        .isInstanceOfSatisfying(KeyflowException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> keyflow.random(0))
        .isInstanceOfSatisfying(
            KeyflowException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage()).contains("bytes: between 1 and 1024");
            });
  }
}
