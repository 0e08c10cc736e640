package io.keyflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.client.KeyflowClient;
import io.keyflow.client.KeyflowException;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.ManagedKey;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Java client as a system uses it in production: on the mutual-TLS port, authenticated by the
 * system's client certificate alone (no password), every crypto path served there.
 */
class KeyflowClientMutualTlsIT extends CryptoApiFixtures {

  private static final Identity SERVER =
      TestCertificates.selfSigned("localhost", TestCertificates.ec("server", "secp256r1"));
  private static final int TLS_PORT = freePort();

  @DynamicPropertySource
  static void mutualTls(DynamicPropertyRegistry registry) throws IOException {
    Path dir =
        Files.createDirectories(Path.of("target", "client-tls", UUID.randomUUID().toString()));
    Path certificate = Files.writeString(dir.resolve("server.crt"), SERVER.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPem());
    registry.add("keyflow.distribution.tls.port", () -> TLS_PORT);
    registry.add("keyflow.distribution.tls.certificate", certificate::toString);
    registry.add("keyflow.distribution.tls.private-key", key::toString);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static KeyflowClient client(Identity identity) {
    return KeyflowClient.builder(URI.create("https://localhost:" + TLS_PORT))
        .sslContext(TestCertificates.clientContext(identity, SERVER.certificate()))
        .build();
  }

  @Test
  void aSystemUsesEveryOperationWithItsCertificateOnTheMutualTlsPort() throws Exception {
    ManagedKey data = newKey(KeyAlgorithm.AES_256, KeyPurpose.DATA_AT_REST);
    ManagedKey signing = newKey(KeyAlgorithm.EC_P256, KeyPurpose.SIGNING);
    ManagedKey mac = newKey(KeyAlgorithm.HMAC_SHA256, KeyPurpose.MAC);
    grant(data, "encrypt", "decrypt");
    grant(signing, "sign", "verify");
    grant(mac, "sign", "verify");
    KeyflowClient keyflow = client(CERTIFICATE);

    String ciphertext = keyflow.encrypt(data.alias(), "x".getBytes(), null);
    KeyflowClient.DataKey key = keyflow.dataKey(data.alias(), null);
    KeyflowClient.Signature signature = keyflow.sign(signing.alias(), "m".getBytes(), null);

    assertThat(keyflow.decrypt(data.alias(), keyflow.rewrap(data.alias(), ciphertext, null), null))
        .containsExactly('x');
    assertThat(keyflow.decryptDataKey(data.alias(), key.wrapped(), null))
        .isEqualTo(key.plaintext());
    assertThat(keyflow.verify(signing.alias(), signature.envelope(), "m".getBytes(), null))
        .isTrue();
    assertThat(
            keyflow.verifyMac(
                mac.alias(), keyflow.mac(mac.alias(), "m".getBytes()), "m".getBytes()))
        .isTrue();
    assertThat(keyflow.random(16)).hasSize(16);
  }

  @Test
  void anUnregisteredCertificateIsRefusedWith403() {
    Identity stranger =
        TestCertificates.selfSigned("stranger", TestCertificates.ec("stranger", "secp256r1"));

    assertThatThrownBy(() -> client(stranger).random(16))
        .isInstanceOfSatisfying(KeyflowException.class, e -> assertThat(e.status()).isEqualTo(403));
  }
}
