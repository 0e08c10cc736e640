package io.keyflow.ledger.details;

import java.time.Instant;

/** {@code KEY_DECRYPT_EXCEPTION_USED}: one decryption under an open exception. */
public record KeyDecryptExceptionUsed(String exceptionId, Instant expiresAt)
    implements LedgerDetails {}
