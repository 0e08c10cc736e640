package io.keyflow.ledger.details;

/**
 * {@code KEY_DECRYPT_EXCEPTION_REQUESTED}: a time-boxed decrypt-only exception for the entry's
 * COMPROMISED version, as accepted by its checks.
 *
 * @param operation always {@code decrypt}
 * @param hours how long the exception stays open once approved
 */
public record KeyDecryptExceptionRequested(String operation, Integer hours, String reason)
    implements LedgerDetails {}
