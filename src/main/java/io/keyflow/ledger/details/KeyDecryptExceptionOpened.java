package io.keyflow.ledger.details;

import java.time.Instant;
import java.util.List;

/** {@code KEY_DECRYPT_EXCEPTION_OPENED}: the approved exception is open until {@code expiresAt}. */
public record KeyDecryptExceptionOpened(Instant expiresAt, List<String> approvedBy)
    implements LedgerDetails {}
