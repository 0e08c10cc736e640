package io.keyflow.security;

import java.nio.file.Path;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The distribution port: a second Tomcat connector, HTTPS only, that requires a client certificate
 * in the handshake ({@code certificateVerification=required}) and accepts any valid one at the TLS
 * layer ({@link AnyValidClientCertificate}); the application then admits only the registered
 * recipient whose certificate fingerprint matches. TLS 1.2 and 1.3 only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MutualTlsProperties.class)
class MutualTlsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MutualTlsConfiguration.class);

  @Bean
  MutualTlsPort mutualTlsPort() {
    return new MutualTlsPort();
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> mutualTlsConnector(
      MutualTlsProperties properties, MutualTlsPort port, Environment environment) {
    return factory -> {
      if (!properties.enabled()) {
        return;
      }
      Connector connector = connector(properties, environment);
      port.attach(connector);
      factory.addAdditionalTomcatConnectors(connector);
    };
  }

  @Bean
  FilterRegistrationBean<MutualTlsFilter> mutualTlsFilter(MutualTlsPort port) {
    var registration = new FilterRegistrationBean<>(new MutualTlsFilter(port));
    registration.addUrlPatterns("/*");
    registration.setName("keyflowMutualTls");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * After the port filter, before password authentication: a system calling the crypto API on the
   * mutual-TLS port is authenticated by its certificate, and no password is asked.
   */
  @Bean
  FilterRegistrationBean<SystemCertificateFilter> systemCertificateFilter(
      MutualTlsPort port,
      SystemIdentities identities,
      org.camunda.bpm.engine.ProcessEngine engine,
      java.time.Clock clock) {
    var registration =
        new FilterRegistrationBean<>(
            new SystemCertificateFilter(port, identities, engine.getIdentityService(), clock));
    registration.addUrlPatterns("/api/*");
    registration.setName("keyflowSystemCertificate");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  static Connector connector(MutualTlsProperties properties, Environment environment) {
    Connector connector = new Connector(Http11NioProtocol.class.getName());
    connector.setPort(properties.port());
    connector.setScheme("https");
    connector.setSecure(true);
    Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
    protocol.setSSLEnabled(true);

    SSLHostConfig ssl = new SSLHostConfig();
    ssl.setProtocols(properties.protocols());
    ssl.setCertificateVerification("required");
    ssl.setTrustManagerClassName(AnyValidClientCertificate.class.getName());
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
    String source;
    if (properties.keyStore() != null && !properties.keyStore().isBlank()) {
      certificate.setCertificateKeystoreFile(
          Path.of(properties.keyStore()).toAbsolutePath().toString());
      certificate.setCertificateKeystorePassword(properties.keyStorePassword());
      certificate.setCertificateKeystoreType(properties.keyStoreType());
      source = "key store " + properties.keyStore();
    } else if (properties.certificate() != null && !properties.certificate().isBlank()) {
      if (properties.privateKey() == null || properties.privateKey().isBlank()) {
        throw new IllegalStateException(
            "keyflow.distribution.tls.certificate is set but keyflow.distribution.tls.private-key is not: set both");
      }
      certificate.setCertificateFile(Path.of(properties.certificate()).toAbsolutePath().toString());
      certificate.setCertificateKeyFile(
          Path.of(properties.privateKey()).toAbsolutePath().toString());
      source = "certificate " + properties.certificate();
    } else if (environment.acceptsProfiles(Profiles.of("production"))) {
      throw new IllegalStateException(
          "keyflow.distribution.tls.port is set but the distribution port has no server certificate: set"
              + " keyflow.distribution.tls.certificate and private-key (PEM) or key-store; the self-signed demo"
              + " certificate is never used in production");
    } else {
      var generated = SelfSignedServerCertificate.ensure(Path.of(properties.selfSignedDir()));
      certificate.setCertificateFile(generated.certificate().toAbsolutePath().toString());
      certificate.setCertificateKeyFile(generated.privateKey().toAbsolutePath().toString());
      source =
          "the self-signed DEMO certificate "
              + generated.certificate()
              + " (SHA-256 "
              + generated.sha256()
              + "; recipients pin it, e.g. curl --cacert)";
    }
    ssl.addCertificate(certificate);
    protocol.addSslHostConfig(ssl);
    log.info(
        "Distribution port {}: mutual TLS ({}), client certificate required, server identity from {}",
        properties.port(),
        properties.protocols(),
        source);
    return connector;
  }
}
