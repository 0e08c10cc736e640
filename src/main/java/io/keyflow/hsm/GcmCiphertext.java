package io.keyflow.hsm;

/**
 * Output of AES-256-GCM encryption: a fresh 12-byte IV and the ciphertext with its 16-byte tag
 * appended.
 */
public record GcmCiphertext(byte[] iv, byte[] ciphertext) {}
