package io.keyflow.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed statement "the ledger's entry {@code seq} has hash {@code entryHash}", made with the
 * audit signing key in the vault. From message version 2 on, the statement also names the
 * checkpoint before it — its sequence and the SHA-256 of its signature — so the checkpoints form a
 * chain of their own (as CloudTrail digest files do) and a deleted, replaced or reordered
 * checkpoint breaks the link of its successor.
 *
 * @param signature base64 of the signature (SHA256withECDSA, DER-encoded) over {@link #message()}
 * @param messageVersion 1 for checkpoints signed before chaining (no link), 2 for chained ones
 * @param previousSeq version 2: the previous checkpoint's sequence, 0 for the first; null for
 *     version 1
 * @param previousSignatureSha256 version 2: hex SHA-256 of the previous checkpoint's signature
 *     bytes, {@link #NO_PREVIOUS} for the first; null for version 1
 */
public record LedgerCheckpoint(
    long seq,
    String entryHash,
    Instant signedAt,
    String signingKeyId,
    String signatureAlgorithm,
    String signature,
    int messageVersion,
    Long previousSeq,
    String previousSignatureSha256) {

  /** The link of the first chained checkpoint, which has no predecessor. */
  public static final String NO_PREVIOUS = "0".repeat(64);

  /** The exact version-1 bytes: {@code keyflow-ledger-checkpoint:v1:<seq>:<entry hash>}. */
  public static byte[] message(long seq, String entryHash) {
    return ("keyflow-ledger-checkpoint:v1:" + seq + ":" + entryHash)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The exact version-2 bytes: {@code keyflow-ledger-checkpoint:v2:<seq>:<entry hash>:<previous
   * seq>:<SHA-256 of the previous signature>}.
   */
  public static byte[] message(
      long seq, String entryHash, long previousSeq, String previousSignatureSha256) {
    return ("keyflow-ledger-checkpoint:v2:"
            + seq
            + ":"
            + entryHash
            + ":"
            + previousSeq
            + ":"
            + previousSignatureSha256)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The bytes that were signed, by this checkpoint's message version. */
  public byte[] message() {
    return messageVersion == 1
        ? message(seq, entryHash)
        : message(
            seq,
            entryHash,
            previousSeq == null ? -1 : previousSeq,
            String.valueOf(previousSignatureSha256));
  }

  /** Hex SHA-256 of this checkpoint's signature bytes: what its successor chains to. */
  public String signatureSha256() {
    try {
      byte[] bytes = Base64.getDecoder().decode(signature);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    } catch (IllegalArgumentException malformed) {
      // A signature that is not base64 cannot be chained to; its own check reports it.
      return "malformed";
    }
  }
}
