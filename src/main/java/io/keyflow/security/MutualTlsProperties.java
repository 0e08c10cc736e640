package io.keyflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyflow.distribution.tls.*}: the second HTTPS port on which recipient systems pick up
 * wrapped keys with their client certificate. Off unless {@code port} is set. The server's own
 * certificate comes from PEM files ({@code certificate} + {@code private-key}) or a key store; with
 * neither, outside the {@code production} profile, a self-signed demo certificate is generated in
 * {@code self-signed-dir}, and the production profile refuses to start.
 *
 * @param port the port; unset disables mutual-TLS pickup entirely
 * @param certificate PEM file with the server certificate (chain)
 * @param privateKey PEM file with the server's private key (PKCS#8 or traditional)
 * @param keyStore PKCS#12 (or {@code key-store-type}) file holding the server key and certificate
 * @param protocols TLS versions offered, in Tomcat's notation
 */
@ConfigurationProperties("keyflow.distribution.tls")
public record MutualTlsProperties(
    Integer port,
    String certificate,
    String privateKey,
    String keyStore,
    String keyStorePassword,
    @DefaultValue("PKCS12") String keyStoreType,
    @DefaultValue("./data") String selfSignedDir,
    @DefaultValue("TLSv1.2+TLSv1.3") String protocols) {

  public boolean enabled() {
    return port != null;
  }
}
