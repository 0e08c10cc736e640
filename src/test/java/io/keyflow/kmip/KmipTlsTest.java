package io.keyflow.kmip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;

/** Where the KMIP port's identity comes from, and which handshakes it allows. */
class KmipTlsTest {

  @TempDir Path dir;

  @Test
  void outsideProductionADemoCertificateIsMadeOnceUnderTheDataDirectory() throws Exception {
    KmipTls.Server first = KmipTls.server(settings(dir.toString()), new StandardEnvironment());
    Path certificate = dir.resolve("kmip-tls.crt");
    Path key = dir.resolve("kmip-tls.key");
    assertThat(certificate).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(first.source()).contains("self-signed DEMO certificate", certificate.toString());
    String pem = Files.readString(certificate);

    KmipTls.server(settings(dir.toString()), new StandardEnvironment());
    assertThat(Files.readString(certificate)).as("reused, so clients can pin it").isEqualTo(pem);
  }

  @Test
  void theProductionProfileRefusesToStartWithoutARealCertificate() {
    StandardEnvironment production = new StandardEnvironment();
    production.setActiveProfiles("production");
    assertThatThrownBy(() -> KmipTls.server(settings(dir.toString()), production))
        .hasMessageContaining("the KMIP port has no server certificate")
        .hasMessageContaining("never used in production");
    assertThat(dir.resolve("kmip-tls.crt")).doesNotExist();
  }

  @Test
  void handshakesAreTls12Or13WithAeadSuitesAndAClientCertificate() {
    KmipTls.Server server = KmipTls.server(settings(dir.toString()), new StandardEnvironment());
    SSLParameters parameters = KmipTls.parameters(server.context());
    assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(parameters.getNeedClientAuth()).isTrue();
    assertThat(parameters.getCipherSuites())
        .isNotEmpty()
        .allMatch(s -> s.contains("_GCM_") || s.contains("CHACHA20_POLY1305"))
        .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    assertThat(Arrays.asList(parameters.getCipherSuites()))
        .noneMatch(s -> s.contains("_CBC_") || s.startsWith("TLS_RSA_"));
    assertThat(KmipTls.aead("TLS_RSA_WITH_AES_128_GCM_SHA256")).as("no forward secrecy").isFalse();
  }

  private static KmipSettings settings(String selfSignedDir) {
    return new KmipSettings(
        5696,
        null,
        null,
        null,
        null,
        null,
        "PKCS12",
        selfSignedDir,
        1 << 20,
        1 << 18,
        16,
        java.time.Duration.ofSeconds(30),
        java.time.Duration.ofMinutes(5),
        java.time.Duration.ofSeconds(10),
        64,
        8);
  }
}
