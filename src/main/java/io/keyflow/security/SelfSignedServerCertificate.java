package io.keyflow.security;

import io.keyflow.shared.Sha256;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The demo's server certificates (the distribution port's, the KMIP port's): an EC P-256 key and a
 * self-signed certificate for {@code localhost}, written once as PEM files (the key readable by the
 * owner only) and reused until it nears expiry, so clients can pin it ({@code curl --cacert}).
 * Never used in production.
 */
public final class SelfSignedServerCertificate {

  /** The PEM files and the certificate's SHA-256 fingerprint. */
  public record Generated(Path certificate, Path privateKey, String sha256) {}

  private SelfSignedServerCertificate() {}

  static Generated ensure(Path directory) {
    return ensure(directory, "distribution-tls", "Keyflow demo distribution port");
  }

  /**
   * The certificate {@code <stem>.crt} and key {@code <stem>.key} in {@code directory}, made when
   * missing or near expiry.
   *
   * @param organisation the certificate's O, naming the port it serves
   */
  public static Generated ensure(Path directory, String stem, String organisation) {
    Path certificate = directory.resolve(stem + ".crt");
    Path key = directory.resolve(stem + ".key");
    try {
      if (Files.isRegularFile(certificate) && Files.isRegularFile(key)) {
        X509Certificate existing = read(certificate);
        if (existing.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(7)))) {
          return new Generated(certificate, key, sha256(existing.getEncoded()));
        }
      }
      Files.createDirectories(directory);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=localhost,O=" + organisation);
      X509CertificateHolder holder =
          new JcaX509v3CertificateBuilder(
                  name,
                  new BigInteger(64, new SecureRandom()),
                  Date.from(now.minus(Duration.ofMinutes(5))),
                  Date.from(now.plus(Duration.ofDays(365))),
                  name,
                  pair.getPublic())
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(
                            GeneralName.iPAddress,
                            InetAddress.getLoopbackAddress().getHostAddress()),
                        new GeneralName(GeneralName.iPAddress, "::1")
                      }))
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      Path keyTmp = directory.resolve(stem + ".key.tmp");
      Files.deleteIfExists(keyTmp);
      Files.createFile(
          keyTmp,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          keyTmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
      Files.move(keyTmp, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(
          certificate, pem("CERTIFICATE", holder.getEncoded()), StandardCharsets.US_ASCII);
      return new Generated(certificate, key, sha256(holder.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the demo certificate " + certificate, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Could not make the demo certificate " + certificate, e);
    }
  }

  private static X509Certificate read(Path certificate)
      throws IOException, GeneralSecurityException {
    try (var in = Files.newInputStream(certificate)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static String pem(String type, byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    }
    return out.toString();
  }

  static String sha256(byte[] der) throws GeneralSecurityException {
    return Sha256.hex(der);
  }
}
