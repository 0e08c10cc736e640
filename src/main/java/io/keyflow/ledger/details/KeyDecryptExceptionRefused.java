package io.keyflow.ledger.details;

/** {@code KEY_DECRYPT_EXCEPTION_REFUSED}: a decrypt exception request that failed its checks. */
public record KeyDecryptExceptionRefused(String reason) implements RequestRefused {}
