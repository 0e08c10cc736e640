package io.keyflow.hsm;

import java.util.UUID;

/**
 * A key held in a vault, described without its material.
 *
 * @param id the key version's UUID (CKA_ID)
 * @param label object label
 * @param algorithm algorithm and length
 * @param provenance attributes read back from the vault
 * @param kcv key check value, 6 lowercase hex digits (see {@link KeyCheckValues}): for AES the
 *     first 3 bytes of AES-ECB over a zero block (CKA_CHECK_VALUE); for key pairs the first 3 bytes
 *     of SHA-256 over the encoded public key
 */
public record VaultKey(
    UUID id, String label, KeyAlgorithm algorithm, Provenance provenance, String kcv) {}
