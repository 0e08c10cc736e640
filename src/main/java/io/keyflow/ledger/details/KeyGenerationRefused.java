package io.keyflow.ledger.details;

/**
 * {@code KEY_GENERATION_REFUSED}: a generation request that failed its checks.
 *
 * @param purpose the purpose as submitted (may be null or not a purpose at all)
 * @param algorithm the algorithm as submitted (may be null)
 */
public record KeyGenerationRefused(String reason, String purpose, String algorithm)
    implements RequestRefused {}
