package io.keyflow.hsm;

import java.util.Arrays;

/**
 * A fresh AES-256 data key for envelope encryption: its plaintext, for the caller to encrypt with
 * and then forget, and the same key encrypted (AES-256-GCM) under a key version in the vault, for
 * the caller to store beside its data. {@link #close()} zeroes the plaintext.
 */
public record DataKey(byte[] plaintext, GcmCiphertext wrapped) implements AutoCloseable {

  /** Length of a data key: AES-256. */
  public static final int LENGTH = 32;

  @Override
  public void close() {
    Arrays.fill(plaintext, (byte) 0);
  }
}
