package io.keyflow.hsm;

/**
 * Attributes read back from the vault that show where a key came from and whether it can leave:
 * CKA_LOCAL, CKA_SENSITIVE, CKA_ALWAYS_SENSITIVE, CKA_EXTRACTABLE, CKA_NEVER_EXTRACTABLE and
 * CKA_KEY_GEN_MECHANISM in PKCS#11 terms.
 *
 * @param keyGenMechanism the PKCS#11 mechanism name, e.g. {@code CKM_AES_KEY_GEN}
 */
public record Provenance(
    boolean local,
    boolean sensitive,
    boolean alwaysSensitive,
    boolean extractable,
    boolean neverExtractable,
    String keyGenMechanism) {}
