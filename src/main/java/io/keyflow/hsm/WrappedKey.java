package io.keyflow.hsm;

import java.util.UUID;

/**
 * A key wrapped for transport: the wrapped bytes plus what a recipient needs to unwrap it and check
 * it.
 *
 * @param keyId the wrapped key's id
 * @param mechanism e.g. {@code RSA-OAEP-SHA256} or {@code AES-KWP}
 * @param wrapped the wrapped key bytes (safe to store and transmit; useless without the recipient's
 *     private key or KEK)
 * @param kcv key check value of the wrapped key, so the recipient can verify what it unwrapped
 */
public record WrappedKey(UUID keyId, String mechanism, byte[] wrapped, String kcv) {}
