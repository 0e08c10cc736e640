package io.keyflow.ledger.details;

/**
 * {@code KEY_DECRYPT_EXCEPTION_EXPIRED}: the exception's time was up and it closed; the entry's
 * key, version and process instance say which. Nothing more is recorded.
 */
public record KeyDecryptExceptionExpired() implements LedgerDetails {}
