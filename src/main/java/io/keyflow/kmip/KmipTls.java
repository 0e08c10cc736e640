package io.keyflow.kmip;

import io.keyflow.security.AnyValidClientCertificate;
import io.keyflow.security.SelfSignedServerCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The KMIP port's TLS: the server identity from the settings (or the demo's self-signed
 * certificate), any valid client certificate at the TLS layer ({@link AnyValidClientCertificate};
 * who the client is, is decided by its pinned fingerprint), TLS 1.3 and 1.2 only, AEAD suites only
 * (AES-GCM, ChaCha20-Poly1305, with forward secrecy under TLS 1.2).
 */
final class KmipTls {

  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Protects the in-memory key store built from PEM files; never written anywhere. */
  private static final char[] IN_MEMORY = "kmip-in-memory".toCharArray();

  /** The context and where its server identity came from, for the start-up log. */
  record Server(SSLContext context, String source) {}

  private KmipTls() {}

  static Server server(KmipSettings settings, Environment environment) {
    try {
      char[] password = new char[0];
      KeyStore identity;
      String source;
      if (present(settings.keyStore())) {
        identity = KeyStore.getInstance(settings.keyStoreType());
        password =
            settings.keyStorePassword() == null
                ? new char[0]
                : settings.keyStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(settings.keyStore()))) {
          identity.load(in, password);
        }
        source = "key store " + settings.keyStore();
      } else if (present(settings.certificate())) {
        if (!present(settings.privateKey())) {
          throw new IllegalStateException(
              "keyflow.kmip.certificate is set but keyflow.kmip.private-key is not: set both");
        }
        identity = pem(Path.of(settings.certificate()), Path.of(settings.privateKey()));
        password = IN_MEMORY;
        source = "certificate " + settings.certificate();
      } else if (environment.acceptsProfiles(Profiles.of("production"))) {
        throw new IllegalStateException(
            "keyflow.kmip.port is set but the KMIP port has no server certificate: set"
                + " keyflow.kmip.certificate and private-key (PEM) or key-store; the self-signed"
                + " demo certificate is never used in production");
      } else {
        var generated =
            SelfSignedServerCertificate.ensure(
                Path.of(settings.selfSignedDir()), "kmip-tls", "Keyflow demo KMIP port");
        identity = pem(generated.certificate(), generated.privateKey());
        password = IN_MEMORY;
        source =
            "the self-signed DEMO certificate "
                + generated.certificate()
                + " (SHA-256 "
                + generated.sha256()
                + "; KMIP clients pin it as their CA)";
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys.getKeyManagers(),
          new TrustManager[] {new AnyValidClientCertificate()},
          new SecureRandom());
      return new Server(context, source);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not set up the KMIP port's TLS: " + e.getMessage(), e);
    }
  }

  /** The handshake rules: client certificate required, TLS 1.2/1.3, AEAD suites. */
  static SSLParameters parameters(SSLContext context) {
    SSLParameters supported = context.getSupportedSSLParameters();
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(
        PROTOCOLS.stream()
            .filter(Arrays.asList(supported.getProtocols())::contains)
            .toArray(String[]::new));
    parameters.setCipherSuites(
        Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
            .filter(KmipTls::aead)
            .toArray(String[]::new));
    parameters.setNeedClientAuth(true);
    return parameters;
  }

  /** TLS 1.3 suites (all AEAD) and TLS 1.2 ECDHE suites with GCM or ChaCha20-Poly1305. */
  static boolean aead(String suite) {
    boolean aeadCipher = suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305");
    boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    return aeadCipher && (tls13 || suite.startsWith("TLS_ECDHE_"));
  }

  private static KeyStore pem(Path certificateFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    List<Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(certificateFile)) {
      chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) {
      throw new IllegalStateException("No certificate in " + certificateFile);
    }
    PrivateKey key;
    try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        key = converter.getKeyPair(pair).getPrivate();
      } else if (object instanceof PrivateKeyInfo info) {
        key = converter.getPrivateKey(info);
      } else {
        throw new IllegalStateException(
            keyFile + " holds no unencrypted private key (PKCS#8 or traditional PEM)");
      }
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("kmip", key, IN_MEMORY, chain.toArray(Certificate[]::new));
    return store;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
