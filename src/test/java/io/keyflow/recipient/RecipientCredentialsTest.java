package io.keyflow.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.shared.Refusal;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientCredentialsTest {

  private static final Instant NOW = Instant.now();

  private static Identity rsa3072() {
    return TestCertificates.selfSigned("payments-app", TestCertificates.rsa("a", 3072));
  }

  @Test
  void acceptsAnRsa3072CertificateAndFingerprintsItsDerEncoding() {
    Identity identity = rsa3072();
    var certificate = RecipientCredentials.certificate(identity.certificatePem(), NOW);

    assertThat(certificate.sha256()).isEqualTo(identity.sha256()).hasSize(64).matches("[0-9a-f]+");
    assertThat(certificate.subject()).contains("CN=payments-app");
    assertThat(certificate.keyAlgorithm()).isEqualTo("RSA");
    assertThat(certificate.keyBits()).isEqualTo(3072);
    assertThat(certificate.notAfter()).isEqualTo(identity.certificate().getNotAfter().toInstant());
    assertThat(certificate.pem()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void acceptsCertificatePemWithSurroundingTextAndWindowsLineEnds() {
    Identity identity = rsa3072();
    String pasted =
        "issued by our CA\r\n" + identity.certificatePem().replace("\n", "\r\n") + "\r\n";
    assertThat(RecipientCredentials.certificate(pasted, NOW).sha256()).isEqualTo(identity.sha256());
  }

  @Test
  void acceptsAnEcP256Certificate() {
    Identity identity =
        TestCertificates.selfSigned("hsm-gw", TestCertificates.ec("a", "secp256r1"));
    var certificate = RecipientCredentials.certificate(identity.certificatePem(), NOW);
    assertThat(certificate.keyAlgorithm()).isEqualTo("EC");
    assertThat(certificate.keyBits()).isEqualTo(256);
  }

  @Test
  void refusesAnExpiredCertificate() {
    Identity expired =
        TestCertificates.selfSigned(
            "old",
            TestCertificates.rsa("a", 3072),
            NOW.minus(Duration.ofDays(400)),
            NOW.minus(Duration.ofDays(1)));
    assertThatThrownBy(() -> RecipientCredentials.certificate(expired.certificatePem(), NOW))
        .isInstanceOfSatisfying(
            Refusal.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.POLICY_VIOLATED))
        .hasMessageContaining("expired on");
  }

  @Test
  void refusesACertificateNotYetValid() {
    Identity future =
        TestCertificates.selfSigned(
            "future",
            TestCertificates.rsa("a", 3072),
            NOW.plus(Duration.ofDays(2)),
            NOW.plus(Duration.ofDays(400)));
    assertThatThrownBy(() -> RecipientCredentials.certificate(future.certificatePem(), NOW))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("not yet valid");
  }

  @Test
  void refusesAnRsa2048Certificate() {
    Identity weak = TestCertificates.selfSigned("weak", TestCertificates.rsa("weak", 2048));
    assertThatThrownBy(() -> RecipientCredentials.certificate(weak.certificatePem(), NOW))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("RSA-2048, weaker than policy allows");
  }

  @Test
  void refusesAnEcCertificateBelowP256() {
    Identity weak =
        TestCertificates.selfSigned("weak-ec", TestCertificates.ec("weak", "secp224r1"));
    assertThatThrownBy(() -> RecipientCredentials.certificate(weak.certificatePem(), NOW))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("secp224r1 (224 bits), weaker than policy allows");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a pem at all",
        "-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMIIB\n",
      })
  void refusesMalformedPem(String pem) {
    assertThatThrownBy(() -> RecipientCredentials.certificate(pem, NOW))
        .isInstanceOfSatisfying(
            Refusal.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID_REQUEST))
        .hasMessageContaining("certificatePem")
        .hasMessageNotContaining(pem.strip());
  }

  @Test
  void refusesAMissingCertificate() {
    assertThatThrownBy(() -> RecipientCredentials.certificate("  ", NOW))
        .hasMessageContaining("certificatePem is required");
  }

  @Test
  void refusesAPublicKeyWhereACertificateBelongs() {
    assertThatThrownBy(() -> RecipientCredentials.certificate(rsa3072().publicKeyPem(), NOW))
        .hasMessageContaining("must be a PEM X.509 certificate")
        .hasMessageContaining("found a public key");
  }

  @Test
  void refusesAPrivateKeyWithoutRepeatingIt() {
    Identity identity = rsa3072();
    String pem = identity.certificatePem() + identity.privateKeyPem();
    assertThatThrownBy(() -> RecipientCredentials.certificate(pem, NOW))
        .hasMessageContaining("contains a private key")
        .hasMessageNotContaining("PRIVATE KEY-----");
  }

  @Test
  void refusesTwoCertificates() {
    String two = rsa3072().certificatePem() + rsa3072().certificatePem();
    assertThatThrownBy(() -> RecipientCredentials.certificate(two, NOW))
        .hasMessageContaining("holds 2 PEM objects");
  }

  @Test
  void acceptsAnRsa4096WrappingKeyAndFingerprintsItsSubjectPublicKeyInfo() {
    Identity identity = TestCertificates.selfSigned("wrap", TestCertificates.rsa("b", 4096));
    var wrapping = RecipientCredentials.wrappingKey(identity.publicKeyPem());
    assertThat(wrapping.bits()).isEqualTo(4096);
    assertThat(wrapping.sha256()).hasSize(64);
    assertThat(RecipientCredentials.rsaPublicKey(wrapping.pem()).getModulus().bitLength())
        .isEqualTo(4096);
  }

  @Test
  void refusesAnRsa2048WrappingKey() {
    Identity weak = TestCertificates.selfSigned("weak", TestCertificates.rsa("weak", 2048));
    assertThatThrownBy(() -> RecipientCredentials.wrappingKey(weak.publicKeyPem()))
        .hasMessageContaining("RSA-2048, weaker than the policy minimum of RSA-3072");
  }

  @Test
  void refusesAnEcWrappingKeyAndAnEcCertificateAsWrappingKey() {
    Identity ec = TestCertificates.selfSigned("ec", TestCertificates.ec("a", "secp256r1"));
    assertThatThrownBy(() -> RecipientCredentials.wrappingKey(ec.publicKeyPem()))
        .hasMessageContaining("must be RSA (or register a KEK");
    var certificate = RecipientCredentials.certificate(ec.certificatePem(), NOW);
    assertThatThrownBy(() -> RecipientCredentials.wrappingKeyOf(certificate))
        .hasMessageContaining("The certificate's key, used as wrapping key since none was given,");
  }

  @Test
  void theCertificatesOwnRsaKeyServesAsWrappingKey() {
    Identity identity = rsa3072();
    var wrapping =
        RecipientCredentials.wrappingKeyOf(
            RecipientCredentials.certificate(identity.certificatePem(), NOW));
    assertThat(wrapping.pem())
        .isEqualTo(TestCertificates.pem("PUBLIC KEY", identity.keyPair().getPublic().getEncoded()));
    assertThat(wrapping.bits()).isEqualTo(3072);
  }
}
