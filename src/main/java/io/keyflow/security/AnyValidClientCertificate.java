package io.keyflow.security;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The trust decision of the distribution port's TLS layer: any client that presents a well-formed
 * certificate chain whose leaf is valid now (and proves it holds the leaf's private key, which the
 * TLS handshake itself checks) gets through the handshake. Who the client <em>is</em> is decided by
 * the application, which pins the leaf's SHA-256 fingerprint to a registered recipient — recipients
 * register self-signed or privately issued certificates, so there is no CA to trust here, and
 * certificate revocation is the registry's revoke. Instantiated by Tomcat by class name.
 */
public final class AnyValidClientCertificate implements X509TrustManager {

  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0 || chain[0] == null) {
      throw new CertificateException("A client certificate is required");
    }
    chain[0].checkValidity();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("The distribution port authenticates clients only");
  }

  /** No CA names are sent: every recipient presents the one certificate it registered. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS;
  }
}
