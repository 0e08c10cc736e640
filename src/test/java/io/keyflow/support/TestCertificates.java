package io.keyflow.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Key pairs and self-signed certificates made in tests with BouncyCastle, as recipients and the
 * distribution port would have them. RSA key generation is slow, so key pairs are cached by name.
 */
public final class TestCertificates {

  private static final Provider BC = new BouncyCastleProvider();
  private static final Map<String, KeyPair> PAIRS = new HashMap<>();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A key pair with a certificate for it. */
  public record Identity(KeyPair keyPair, X509Certificate certificate) {

    public String certificatePem() {
      return pem("CERTIFICATE", encoded(certificate));
    }

    public String publicKeyPem() {
      return pem("PUBLIC KEY", keyPair.getPublic().getEncoded());
    }

    public String privateKeyPem() {
      return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
    }

    /** SHA-256 of the certificate's DER encoding, lowercase hex. */
    public String sha256() {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(encoded(certificate)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** An in-memory PKCS#12 key store holding this identity under alias {@code identity}. */
    public KeyStore keyStore(char[] password) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
            "identity", keyPair.getPrivate(), password, new X509Certificate[] {certificate});
        return store;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private TestCertificates() {}

  /** RSA key pair of {@code bits}, cached under {@code name}. */
  public static synchronized KeyPair rsa(String name, int bits) {
    return PAIRS.computeIfAbsent("rsa-" + bits + "-" + name, k -> generate("RSA", bits, null));
  }

  /** EC key pair on a named curve (e.g. secp256r1, secp224r1), cached under {@code name}. */
  public static synchronized KeyPair ec(String name, String curve) {
    return PAIRS.computeIfAbsent("ec-" + curve + "-" + name, k -> generate("EC", 0, curve));
  }

  /** A certificate for {@code pair}, valid from one hour ago for a year. */
  public static Identity selfSigned(String commonName, KeyPair pair) {
    Instant now = Instant.now();
    return selfSigned(
        commonName, pair, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
  }

  /** A self-signed certificate for {@code pair} with the given validity and a localhost SAN. */
  public static Identity selfSigned(
      String commonName, KeyPair pair, Instant notBefore, Instant notAfter) {
    try {
      X500Name name = new X500Name("CN=" + commonName + ",O=Keyflow tests");
      String algorithm =
          pair.getPrivate().getAlgorithm().startsWith("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      X509CertificateHolder holder =
          new JcaX509v3CertificateBuilder(
                  name,
                  BigInteger.valueOf(SERIAL.incrementAndGet()),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  name,
                  pair.getPublic())
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                      }))
              .build(
                  new JcaContentSignerBuilder(algorithm).setProvider(BC).build(pair.getPrivate()));
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509", BC)
                  .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
      return new Identity(pair, certificate);
    } catch (Exception e) {
      throw new IllegalStateException("Could not make a test certificate", e);
    }
  }

  /**
   * A TLS client context that presents {@code client} and trusts only {@code server}'s certificate.
   */
  public static SSLContext clientContext(Identity client, X509Certificate server) {
    try {
      char[] password = "test".toCharArray();
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(client == null ? emptyStore() : client.keyStore(password), password);
      KeyStore trusted = emptyStore();
      trusted.setCertificateEntry("server", server);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, int bits, String curve) {
    try {
      if (curve != null) {
        KeyPairGenerator generator;
        try {
          generator = KeyPairGenerator.getInstance(algorithm);
          generator.initialize(new ECGenParameterSpec(curve));
        } catch (GeneralSecurityException unsupported) {
          // Curves the JDK dropped (e.g. secp224r1): BouncyCastle still makes them.
          generator = KeyPairGenerator.getInstance(algorithm, BC);
          generator.initialize(new ECGenParameterSpec(curve));
        }
        return generator.generateKeyPair();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      {
        generator.initialize(bits);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
