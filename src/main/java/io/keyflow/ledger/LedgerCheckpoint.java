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
 * checkpoint breaks the link of its successor. From version 3 on, a checkpoint is a <em>signed tree
 * head</em>: it also signs the root of the ledger's Merkle tree ({@link Merkle}) at its sequence
 * (the tree size) and its own time, and its message is the body of a C2SP {@code tlog-checkpoint}
 * (see {@link #treeHeadMessage}), so an outside tool can parse and check it.
 *
 * @param signature base64 of the signature (SHA256withECDSA, DER-encoded) over {@link #message()}
 * @param messageVersion 1 for checkpoints signed before chaining (no link), 2 for chained ones, 3
 *     for signed tree heads
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
    String previousSignatureSha256,
    String treeRoot) {

  /** The link of the first chained checkpoint, which has no predecessor. */
  public static final String NO_PREVIOUS = "0".repeat(64);

  /**
   * The origin line of every signed tree head, and the key name of its signature line: the log's
   * identity in C2SP {@code tlog-checkpoint} terms.
   */
  public static final String ORIGIN = "keyflow.io/ledger";

  /** A version 1 or 2 checkpoint (no tree root). */
  public LedgerCheckpoint(
      long seq,
      String entryHash,
      Instant signedAt,
      String signingKeyId,
      String signatureAlgorithm,
      String signature,
      int messageVersion,
      Long previousSeq,
      String previousSignatureSha256) {
    this(
        seq,
        entryHash,
        signedAt,
        signingKeyId,
        signatureAlgorithm,
        signature,
        messageVersion,
        previousSeq,
        previousSignatureSha256,
        null);
  }

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

  /**
   * The exact version-3 bytes, a C2SP {@code tlog-checkpoint} body (every line ends with a
   * newline):
   *
   * <pre>
   * keyflow.io/ledger
   * &lt;tree size = seq&gt;
   * &lt;base64 of the 32-byte root&gt;
   * keyflow-chain &lt;entry hash&gt;
   * keyflow-previous &lt;previous seq&gt; &lt;SHA-256 of the previous signature&gt;
   * keyflow-time &lt;signedAt, yyyy-MM-ddTHH:mm:ss.SSSZ&gt;
   * </pre>
   *
   * The first three lines are what a generic {@code tlog-checkpoint} reader needs; the extension
   * lines keep the hash chain's head and the link to the previous checkpoint signed, as in version
   * 2.
   */
  public static byte[] treeHeadMessage(
      long seq,
      String treeRoot,
      String entryHash,
      long previousSeq,
      String previousSignatureSha256,
      Instant signedAt) {
    String root;
    try {
      root = Base64.getEncoder().encodeToString(Merkle.unhex(String.valueOf(treeRoot)));
    } catch (IllegalArgumentException notAHash) {
      root = String.valueOf(treeRoot);
    }
    return (ORIGIN
            + "\n"
            + seq
            + "\n"
            + root
            + "\n"
            + "keyflow-chain "
            + entryHash
            + "\n"
            + "keyflow-previous "
            + previousSeq
            + " "
            + previousSignatureSha256
            + "\n"
            + "keyflow-time "
            + (signedAt == null ? "null" : CanonicalForm.formatTime(signedAt))
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes that were signed, by this checkpoint's message version. */
  public byte[] message() {
    if (messageVersion >= 3) {
      return treeHeadMessage(
          seq,
          treeRoot,
          entryHash,
          previousSeq == null ? -1 : previousSeq,
          String.valueOf(previousSignatureSha256),
          signedAt);
    }
    return messageVersion == 1
        ? message(seq, entryHash)
        : message(
            seq,
            entryHash,
            previousSeq == null ? -1 : previousSeq,
            String.valueOf(previousSignatureSha256));
  }

  /**
   * A version-3 checkpoint as a C2SP signed note: the {@link #treeHeadMessage} body, a blank line
   * and the signature line {@code — keyflow.io/ledger base64(key ID ‖ DER signature)}, where the
   * key ID is the first 4 bytes of {@code SHA-256("keyflow.io/ledger" ‖ 0x0A ‖ 0x02 ‖ SPKI DER of
   * the audit signing key)} (signature type 0x02, ECDSA, in C2SP {@code signed-note}).
   */
  public String signedNote(java.security.PublicKey publicKey) {
    byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException malformed) {
      signatureBytes = new byte[0];
    }
    byte[] keyId = keyId(publicKey);
    byte[] line = new byte[keyId.length + signatureBytes.length];
    System.arraycopy(keyId, 0, line, 0, keyId.length);
    System.arraycopy(signatureBytes, 0, line, keyId.length, signatureBytes.length);
    return new String(message(), StandardCharsets.UTF_8)
        + "\n\u2014 "
        + ORIGIN
        + " "
        + Base64.getEncoder().encodeToString(line)
        + "\n";
  }

  /** The signed note's 4-byte key ID of the audit signing key. */
  public static byte[] keyId(java.security.PublicKey publicKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(ORIGIN.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0x0A);
      sha256.update((byte) 0x02);
      byte[] digest = sha256.digest(publicKey.getEncoded());
      return java.util.Arrays.copyOf(digest, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
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
