package io.keyflow.ledger.details;

import java.time.Instant;

/**
 * {@code KEY_DISTRIBUTED}: the recipient picked its package up over mutual TLS; the receipt.
 *
 * @param peerCertificateSha256 the fingerprint of the client certificate the TLS peer presented
 * @param approvedBy the approving officers, comma-separated
 */
public record KeyDistributed(
    String recipient,
    String recipientId,
    String packageId,
    Instant pickedUpAt,
    String tlsProtocol,
    String tlsCipherSuite,
    String peerCertificateSha256,
    String mechanism,
    String kcv,
    String requestedBy,
    String approvedBy)
    implements LedgerDetails {}
