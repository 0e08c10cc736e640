package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckpointChainTest {

  private KeyPair auditKey;
  private final Map<Long, String> chainHashes = new HashMap<>();

  @BeforeEach
  void makeAuditKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    auditKey = generator.generateKeyPair();
    for (long seq = 1; seq <= 40; seq++) {
      chainHashes.put(seq, String.format("%064x", seq * 7919));
    }
  }

  @Test
  void aChainOfCheckpointsEachLinkedToThePreviousSignatureVerifies() throws Exception {
    List<LedgerCheckpoint> chain = chain(10, 20, 30);

    assertThat(verify(chain)).isEqualTo(new CheckpointVerification(true, 3, 30L, null, null));
    assertThat(chain.get(0).previousSeq()).isZero();
    assertThat(chain.get(0).previousSignatureSha256()).isEqualTo(LedgerCheckpoint.NO_PREVIOUS);
    assertThat(chain.get(2).previousSignatureSha256()).isEqualTo(chain.get(1).signatureSha256());
  }

  @Test
  void aDeletedCheckpointIsNamedThroughItsSuccessor() throws Exception {
    List<LedgerCheckpoint> chain = chain(10, 20, 30);
    chain.remove(1);

    CheckpointVerification verdict = verify(chain);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.firstInvalidCheckpoint()).isEqualTo(30);
    assertThat(verdict.reason()).contains("seq 20").contains("missing").contains("deleted");
  }

  @Test
  void aDeletedFirstCheckpointIsDetectedToo() throws Exception {
    List<LedgerCheckpoint> chain = chain(10, 20);
    chain.remove(0);

    CheckpointVerification verdict = verify(chain);

    assertThat(verdict.firstInvalidCheckpoint()).isEqualTo(20);
    assertThat(verdict.reason()).contains("seq 10").contains("deleted");
  }

  @Test
  void aCheckpointReplacedByAnotherValidlySignedOneBreaksItsSuccessorsLink() throws Exception {
    List<LedgerCheckpoint> chain = chain(10, 20, 30);
    LedgerCheckpoint original = chain.get(1);
    // Signed again over the same statement: a valid signature, but not the one checkpoint 30
    // chained to.
    chain.set(
        1, signed(original.seq(), original.previousSeq(), original.previousSignatureSha256()));

    CheckpointVerification verdict = verify(chain);

    assertThat(verdict.firstInvalidCheckpoint()).isEqualTo(30);
    assertThat(verdict.reason()).contains("seq 20").contains("replaced");
  }

  @Test
  void aCheckpointMovedToAnotherSequenceFailsItsSignature() throws Exception {
    List<LedgerCheckpoint> chain = chain(10, 20);
    LedgerCheckpoint moved = chain.get(1);
    chain.set(
        1,
        new LedgerCheckpoint(
            25,
            chainHashes.get(25L),
            moved.signedAt(),
            moved.signingKeyId(),
            moved.signatureAlgorithm(),
            moved.signature(),
            2,
            moved.previousSeq(),
            moved.previousSignatureSha256()));

    assertThat(verify(chain).reason()).contains("does not verify");
  }

  @Test
  void anUnchainedCheckpointBeforeTheChainedOnesIsAcceptedButNotAfterThem() throws Exception {
    LedgerCheckpoint legacy = legacy(5);
    LedgerCheckpoint chained = signed(10, 5L, legacy.signatureSha256());
    assertThat(verify(List.of(legacy, chained)).valid()).isTrue();

    CheckpointVerification verdict =
        verify(List.of(signed(10, 0L, LedgerCheckpoint.NO_PREVIOUS), legacy(15)));

    assertThat(verdict.firstInvalidCheckpoint()).isEqualTo(15);
    assertThat(verdict.reason()).contains("unchained");
  }

  private CheckpointVerification verify(List<LedgerCheckpoint> checkpoints) {
    return CheckpointChain.verify(checkpoints, auditKey.getPublic(), chainHashes::get);
  }

  private List<LedgerCheckpoint> chain(long... seqs) throws GeneralSecurityException {
    List<LedgerCheckpoint> chain = new ArrayList<>();
    LedgerCheckpoint previous = null;
    for (long seq : seqs) {
      previous =
          signed(
              seq,
              previous == null ? 0L : previous.seq(),
              previous == null ? LedgerCheckpoint.NO_PREVIOUS : previous.signatureSha256());
      chain.add(previous);
    }
    return chain;
  }

  private LedgerCheckpoint signed(long seq, Long previousSeq, String previousSha256)
      throws GeneralSecurityException {
    String hash = chainHashes.get(seq);
    byte[] signature = sign(LedgerCheckpoint.message(seq, hash, previousSeq, previousSha256));
    return new LedgerCheckpoint(
        seq,
        hash,
        Instant.parse("2026-11-29T12:00:00Z"),
        "audit",
        "SHA256withECDSA",
        Base64.getEncoder().encodeToString(signature),
        2,
        previousSeq,
        previousSha256);
  }

  @Test
  void signedTreeHeadsFollowChainedAndUnchainedCheckpointsAndVerify() throws Exception {
    LedgerCheckpoint v1 = legacy(5);
    LedgerCheckpoint v2 = signed(10, 5L, v1.signatureSha256());
    LedgerCheckpoint v3 = treeHead(20, v2);
    LedgerCheckpoint next = treeHead(30, v3);

    assertThat(verify(List.of(v1, v2, v3, next)))
        .isEqualTo(new CheckpointVerification(true, 4, 30L, null, null));
    assertThat(new String(v3.message(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("keyflow.io/ledger\n20\n")
        .contains("\nkeyflow-chain " + chainHashes.get(20L) + "\n")
        .contains("\nkeyflow-previous 10 " + v2.signatureSha256() + "\n")
        .endsWith("\nkeyflow-time 2026-12-01T12:00:00.000Z\n");
  }

  @Test
  void aSignedTreeHeadWithAnotherRootOrTimeNoLongerVerifies() throws Exception {
    LedgerCheckpoint head = treeHead(20, null);
    LedgerCheckpoint otherRoot =
        new LedgerCheckpoint(
            head.seq(),
            head.entryHash(),
            head.signedAt(),
            head.signingKeyId(),
            head.signatureAlgorithm(),
            head.signature(),
            3,
            head.previousSeq(),
            head.previousSignatureSha256(),
            "ab".repeat(32));
    LedgerCheckpoint otherTime =
        new LedgerCheckpoint(
            head.seq(),
            head.entryHash(),
            head.signedAt().plusMillis(1),
            head.signingKeyId(),
            head.signatureAlgorithm(),
            head.signature(),
            3,
            head.previousSeq(),
            head.previousSignatureSha256(),
            head.treeRoot());

    assertThat(verify(List.of(head)).valid()).isTrue();
    assertThat(verify(List.of(otherRoot)).reason()).contains("signature does not verify");
    assertThat(verify(List.of(otherTime)).reason()).contains("signature does not verify");
  }

  @Test
  void aCheckpointWithoutARootAfterASignedTreeHeadMeansCheckpointsWereReplaced() throws Exception {
    LedgerCheckpoint v3 = treeHead(10, null);
    LedgerCheckpoint v2 = signed(20, 10L, v3.signatureSha256());

    CheckpointVerification verdict = verify(List.of(v3, v2));

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.firstInvalidCheckpoint()).isEqualTo(20);
    assertThat(verdict.reason()).contains("follows a signed tree head");
  }

  private LedgerCheckpoint treeHead(long seq, LedgerCheckpoint previous)
      throws GeneralSecurityException {
    String hash = chainHashes.get(seq);
    String root = String.format("%064x", seq * 104729);
    long previousSeq = previous == null ? 0 : previous.seq();
    String previousSha256 =
        previous == null ? LedgerCheckpoint.NO_PREVIOUS : previous.signatureSha256();
    Instant signedAt = Instant.parse("2026-12-01T12:00:00Z");
    byte[] signature =
        sign(
            LedgerCheckpoint.treeHeadMessage(
                seq, root, hash, previousSeq, previousSha256, signedAt));
    return new LedgerCheckpoint(
        seq,
        hash,
        signedAt,
        "audit",
        "SHA256withECDSA",
        Base64.getEncoder().encodeToString(signature),
        3,
        previousSeq,
        previousSha256,
        root);
  }

  private LedgerCheckpoint legacy(long seq) throws GeneralSecurityException {
    String hash = chainHashes.get(seq);
    return new LedgerCheckpoint(
        seq,
        hash,
        Instant.parse("2026-11-01T12:00:00Z"),
        "audit",
        "SHA256withECDSA",
        Base64.getEncoder().encodeToString(sign(LedgerCheckpoint.message(seq, hash))),
        1,
        null,
        null);
  }

  private byte[] sign(byte[] message) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(auditKey.getPrivate());
    signer.update(message);
    return signer.sign();
  }
}
