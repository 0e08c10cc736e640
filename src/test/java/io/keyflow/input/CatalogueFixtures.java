package io.keyflow.input;

import static io.keyflow.input.Json.str;

import io.keyflow.support.TestCertificates;
import java.time.Duration;
import java.time.Instant;

/**
 * What the catalogue's requests refer to: an ACTIVE AES-256 key, a registered recipient, an open
 * approval task and its process instance, and PEMs good and bad.
 */
record CatalogueFixtures(
    String keyAlias,
    String recipient,
    String taskId,
    String instanceId,
    String certificatePem,
    String otherCertificatePem,
    String privateKeyPem,
    String rsa2048PublicKeyPem,
    String expiredCertificatePem) {

  static CatalogueFixtures create(
      String keyAlias,
      String recipient,
      String taskId,
      String instanceId,
      TestCertificates.Identity registered) {
    TestCertificates.Identity other =
        TestCertificates.selfSigned(
            "catalogue-other", TestCertificates.ec("catalogue", "secp256r1"));
    Instant now = Instant.now();
    TestCertificates.Identity expired =
        TestCertificates.selfSigned(
            "catalogue-expired",
            TestCertificates.ec("catalogue", "secp256r1"),
            now.minus(Duration.ofDays(30)),
            now.minus(Duration.ofDays(1)));
    TestCertificates.Identity weak =
        TestCertificates.selfSigned("catalogue-weak", TestCertificates.rsa("weak", 2048));
    return new CatalogueFixtures(
        keyAlias,
        recipient,
        taskId,
        instanceId,
        registered.certificatePem(),
        other.certificatePem(),
        other.privateKeyPem(),
        weak.publicKeyPem(),
        expired.certificatePem());
  }

  /** A registration body from raw JSON values. */
  String registration(
      String name, String environment, String certificatePem, String wrappingPublicKeyPem) {
    return Json.object(
        "name",
        name,
        "environment",
        environment,
        "certificatePem",
        certificatePem,
        "wrappingPublicKeyPem",
        wrappingPublicKeyPem);
  }

  static String registrationOf(String name, String certificatePem) {
    return Json.object(
        "name", str(name), "environment", str("PRODUCTION"), "certificatePem", str(certificatePem));
  }
}
