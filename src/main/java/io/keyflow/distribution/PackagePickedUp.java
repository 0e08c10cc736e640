package io.keyflow.distribution;

import java.time.Instant;
import java.util.UUID;

/**
 * Published, inside the pickup's transaction, when a recipient has fetched its package; the
 * listener resumes the waiting distribution process. Metadata only.
 */
public record PackagePickedUp(
    UUID packageId,
    String processInstanceId,
    String recipient,
    Instant pickedUpAt,
    String tlsProtocol,
    String tlsCipherSuite,
    String peerCertificateSha256) {}
