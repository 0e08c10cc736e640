package io.keyflow.kmip;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.kmip.*}: the KMIP listener (mutual TLS, TLS 1.2 and 1.3, AEAD suites only). Off
 * unless {@code port} is set. The server certificate comes from PEM files ({@code certificate} +
 * {@code private-key}) or a key store; with neither, outside the {@code production} profile, a
 * self-signed demo certificate {@code kmip-tls.crt} is generated in {@code self-signed-dir}, and
 * the production profile refuses to start.
 *
 * @param port the port (5696 is KMIP's); 0 picks a free one; unset, there is no listener
 * @param bindAddress the address to listen on; unset, every interface
 * @param maxMessageBytes the longest request message, header included; a longer one is answered
 *     with Invalid Message and the connection closed before it is read
 * @param maxItemBytes the longest value of one item inside a message
 * @param maxDepth how deeply structures may nest in a request
 * @param readTimeout how long a client may pause inside a message before its connection is closed
 * @param idleTimeout how long a connection may wait between messages before it is closed (KMIP
 *     clients keep their connections open)
 * @param handshakeTimeout how long the TLS handshake may take
 * @param maxConnections connections served at once, from all clients together (one thread each)
 * @param maxConnectionsPerClient connections one client certificate may hold open at once
 */
@Validated
@ConfigurationProperties("keyflow.kmip")
public record KmipSettings(
    @Min(0) @Max(65535) Integer port,
    String bindAddress,
    String certificate,
    String privateKey,
    String keyStore,
    String keyStorePassword,
    @DefaultValue("PKCS12") String keyStoreType,
    @DefaultValue("./data") String selfSignedDir,
    @DefaultValue("1048576") @Min(1024) @Max(67108864) int maxMessageBytes,
    @DefaultValue("262144") @Min(64) @Max(67108864) int maxItemBytes,
    @DefaultValue("16") @Min(4) @Max(64) int maxDepth,
    @DefaultValue("PT30S")
        @DurationMin(seconds = 1, message = TIMEOUT)
        @DurationMax(minutes = 30, message = TIMEOUT)
        Duration readTimeout,
    @DefaultValue("PT5M")
        @DurationMin(seconds = 1, message = TIMEOUT)
        @DurationMax(minutes = 30, message = TIMEOUT)
        Duration idleTimeout,
    @DefaultValue("PT10S")
        @DurationMin(seconds = 1, message = TIMEOUT)
        @DurationMax(minutes = 30, message = TIMEOUT)
        Duration handshakeTimeout,
    @DefaultValue("64") @Min(1) @Max(4096) int maxConnections,
    @DefaultValue("8") @Min(1) @Max(4096) int maxConnectionsPerClient) {

  private static final String TIMEOUT = "must be between 1 second and 30 minutes";

  public boolean enabled() {
    return port != null;
  }
}
