package io.keyflow.kmip.protocol;

import java.util.UUID;

/**
 * The system on the other end of a KMIP connection, authenticated by the SHA-256 fingerprint of its
 * TLS client certificate, and the channel it came over (for ledger entries of distributions).
 *
 * @param id the registered system's id
 * @param name the registered system's name
 */
public record KmipClient(
    UUID id, String name, String certificateSha256, String tlsProtocol, String cipherSuite) {}
