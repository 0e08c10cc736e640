package io.keyflow.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "the ledger's entry {@code seq} has hash {@code entryHash}", made with the
 * audit signing key in the vault.
 *
 * @param signature base64 of the signature (SHA256withECDSA, DER-encoded) over {@link #message()}
 */
public record LedgerCheckpoint(
    long seq, String entryHash, Instant signedAt, String signingKeyId, String signatureAlgorithm, String signature) {

  /** The exact bytes that are signed: {@code keyflow-ledger-checkpoint:v1:<seq>:<entry hash>}. */
  public static byte[] message(long seq, String entryHash) {
    return ("keyflow-ledger-checkpoint:v1:" + seq + ":" + entryHash).getBytes(StandardCharsets.US_ASCII);
  }

  public byte[] message() {
    return message(seq, entryHash);
  }
}
