package io.keyflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.support.TestCertificates;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnyValidClientCertificateTest {

  private final AnyValidClientCertificate trust = new AnyValidClientCertificate();
  private final Instant now = Instant.now();

  @Test
  void anyCurrentlyValidCertificatePassesTheHandshakeWhoeverIssuedIt() {
    var selfSigned = TestCertificates.selfSigned("anyone", TestCertificates.ec("tls", "secp256r1"));
    assertThatCode(
            () -> trust.checkClientTrusted(new X509Certificate[] {selfSigned.certificate()}, "EC"))
        .doesNotThrowAnyException();
    assertThat(trust.getAcceptedIssuers()).as("no CA names are sent").isEmpty();
  }

  @Test
  void expiredNotYetValidAndMissingCertificatesFailTheHandshake() {
    var pair = TestCertificates.ec("tls", "secp256r1");
    var expired =
        TestCertificates.selfSigned(
            "old", pair, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    var future =
        TestCertificates.selfSigned(
            "new", pair, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
    assertThatThrownBy(
            () -> trust.checkClientTrusted(new X509Certificate[] {expired.certificate()}, "EC"))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(
            () -> trust.checkClientTrusted(new X509Certificate[] {future.certificate()}, "EC"))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[0], "EC"))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> trust.checkClientTrusted(null, "EC"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void itNeverTrustsAServer() {
    var server = TestCertificates.selfSigned("server", TestCertificates.ec("tls", "secp256r1"));
    assertThatThrownBy(
            () -> trust.checkServerTrusted(new X509Certificate[] {server.certificate()}, "EC"))
        .isInstanceOf(CertificateException.class);
  }
}
