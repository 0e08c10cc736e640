package io.keyflow.ledger;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Verifies signed checkpoints, online and offline alike: each signature with the audit signing
 * key's public key, each chained checkpoint's link to the one before it, and each signed hash
 * against the ledger's chain. Pure: the caller supplies the checkpoints (oldest first), the key and
 * a way to read an entry's hash.
 *
 * <p>What the links catch: a deleted checkpoint leaves its successor pointing at a sequence that is
 * gone or no longer adjacent; a replaced one no longer has the signature its successor chained to;
 * a reordered or re-sequenced one fails its own signature. Only the newest checkpoints can be
 * deleted without trace, as with any hash chain: compare the last checkpoint with a copy kept
 * elsewhere.
 */
final class CheckpointChain {

  private CheckpointChain() {}

  static CheckpointVerification verify(
      List<LedgerCheckpoint> checkpoints, PublicKey publicKey, LongFunction<String> hashAt) {
    if (checkpoints.isEmpty()) {
      return new CheckpointVerification(true, 0, null, null, null);
    }
    Long last = checkpoints.get(checkpoints.size() - 1).seq();
    Set<Long> present = new HashSet<>();
    checkpoints.forEach(c -> present.add(c.seq()));
    LedgerCheckpoint previous = null;
    for (LedgerCheckpoint checkpoint : checkpoints) {
      String reason = signatureProblem(checkpoint, publicKey);
      if (reason == null) {
        reason = linkProblem(checkpoint, previous, present);
      }
      if (reason == null) {
        reason = chainProblem(checkpoint, hashAt.apply(checkpoint.seq()));
      }
      if (reason != null) {
        return new CheckpointVerification(
            false, checkpoints.size(), last, checkpoint.seq(), reason);
      }
      previous = checkpoint;
    }
    return new CheckpointVerification(true, checkpoints.size(), last, null, null);
  }

  /** Null when the checkpoint's signature verifies with the audit signing key. */
  static String signatureProblem(LedgerCheckpoint checkpoint, PublicKey publicKey) {
    try {
      Signature verifier = Signature.getInstance(LedgerCheckpoints.SIGNATURE_ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(checkpoint.message());
      if (!verifier.verify(Base64.getDecoder().decode(checkpoint.signature()))) {
        return "checkpoint signature does not verify with the audit signing key";
      }
      return null;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "checkpoint signature is malformed";
    }
  }

  private static String linkProblem(
      LedgerCheckpoint checkpoint, LedgerCheckpoint previous, Set<Long> present) {
    if (checkpoint.messageVersion() == 1) {
      return previous != null && previous.messageVersion() != 1
          ? "an unchained (version 1) checkpoint follows a chained one: checkpoints were replaced"
          : null;
    }
    if (checkpoint.messageVersion() == 2 && previous != null && previous.messageVersion() >= 3) {
      return "a checkpoint without a tree root (version 2) follows a signed tree head: checkpoints"
          + " were replaced";
    }
    long expectedSeq = previous == null ? 0 : previous.seq();
    long linkedSeq = checkpoint.previousSeq() == null ? -1 : checkpoint.previousSeq();
    if (linkedSeq != expectedSeq) {
      if (linkedSeq > 0 && !present.contains(linkedSeq)) {
        return "the checkpoint at seq "
            + linkedSeq
            + " that this one chains to is missing: a checkpoint was deleted";
      }
      return "this checkpoint chains to "
          + (linkedSeq == 0 ? "no previous checkpoint" : "seq " + linkedSeq)
          + " but follows "
          + (previous == null ? "none" : "the checkpoint at seq " + previous.seq())
          + ": checkpoints were deleted or reordered";
    }
    String expectedHash =
        previous == null ? LedgerCheckpoint.NO_PREVIOUS : previous.signatureSha256();
    if (!expectedHash.equals(checkpoint.previousSignatureSha256())) {
      return "the checkpoint at seq "
          + expectedSeq
          + " is not the one this checkpoint chains to: it was replaced";
    }
    return null;
  }

  private static String chainProblem(LedgerCheckpoint checkpoint, String hashInChain) {
    if (hashInChain == null) {
      return "the checkpointed entry is missing from the chain";
    }
    if (!hashInChain.equals(checkpoint.entryHash())) {
      return "the checkpointed entry's hash differs from the signed one: the chain was rewritten";
    }
    return null;
  }
}
