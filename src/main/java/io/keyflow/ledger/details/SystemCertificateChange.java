package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code SYSTEM_CERTIFICATE_ADDED} and {@code _REMOVED}: one client certificate of a registered
 * system added or removed (rotation without downtime), by fingerprint — never the certificate
 * itself.
 *
 * @param system the system's name
 * @param certificateSha256 SHA-256 of the certificate's DER encoding, lowercase hex
 * @param liveCertificates how many live certificates the system has after the change
 * @param reason for a removal: why, or null
 */
public record SystemCertificateChange(
    String system,
    String systemId,
    String certificateSha256,
    String certificateSubject,
    Instant certificateNotBefore,
    Instant certificateNotAfter,
    Integer liveCertificates,
    String reason)
    implements LedgerDetails {}
