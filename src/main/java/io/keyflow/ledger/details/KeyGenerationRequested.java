package io.keyflow.ledger.details;

/**
 * {@code KEY_GENERATION_REQUESTED}: a generation request as accepted by its checks; the steps after
 * the approval generate exactly this (the key and version ids are the entry's own).
 *
 * @param purpose a {@code KeyPurpose} name
 * @param algorithm the algorithm's name, e.g. {@code AES-256}
 * @param environment PRODUCTION or TEST
 * @param hsmLabel the vault label version 1 will have
 */
public record KeyGenerationRequested(
    String purpose,
    String algorithm,
    Boolean exportable,
    String environment,
    String justification,
    String hsmLabel)
    implements LedgerDetails {}
