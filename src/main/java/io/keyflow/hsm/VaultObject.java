package io.keyflow.hsm;

/**
 * One object found in the vault during a listing.
 *
 * @param id the object's CKA_ID as text: the UUID for Keyflow's keys, hex for foreign objects
 * @param label CKA_LABEL, possibly empty
 * @param objectClass {@code SECRET_KEY}, {@code PRIVATE_KEY} or {@code PUBLIC_KEY}
 * @param keyType e.g. {@code AES}, {@code RSA}, {@code EC}
 * @param provenance its attributes (for public keys, sensitive/extractable are reported false/true)
 * @param kcv key check value where one can be computed, else null
 * @param usage its usage attributes as the vault reports them
 */
public record VaultObject(
    String id,
    String label,
    String objectClass,
    String keyType,
    Provenance provenance,
    String kcv,
    UsageAttributes usage) {}
