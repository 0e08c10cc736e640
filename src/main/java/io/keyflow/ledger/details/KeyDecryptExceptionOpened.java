package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/**
 * {@code KEY_DECRYPT_EXCEPTION_OPENED}: the approved exception is open until {@code expiresAt}.
 *
 * @param requestSeq the sequence of the request's {@code KEY_DECRYPT_EXCEPTION_REQUESTED} entry;
 *     null in entries written before outcomes cited their request
 * @param approvalSeqs the sequences of the approval entries it acts on; null in entries written
 *     before outcomes cited their request
 */
public record KeyDecryptExceptionOpened(
    Instant expiresAt, List<String> approvedBy, Long requestSeq, List<Long> approvalSeqs)
    implements LedgerDetails {}
