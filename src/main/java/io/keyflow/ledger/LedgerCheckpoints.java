package io.keyflow.ledger;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs the ledger's head — at intervals through the {@code LedgerCheckpointSchedule} process
 * ({@code keyflow.ledger.checkpoint-interval}, default one hour) and on demand — with the audit
 * signing key — an EC P-256 key pair generated once in the vault under a fixed id, for signing only
 * and never exportable — and verifies every checkpoint.
 *
 * <p>The hash chain alone shows that entries were changed unless someone rewrote every later hash
 * and the head as well; a checkpoint signed before such a rewrite no longer matches its entry, and
 * a new one cannot be forged without the HSM. A checkpoint is signed only after the chain since the
 * previous checkpoint verifies, so the key never vouches for a broken chain; and each checkpoint
 * chains to the previous one's signature (see {@link LedgerCheckpoint}).
 */
@Service
public class LedgerCheckpoints {

  /** The audit signing key's id in the vault (its CKA_ID), the same on every node and restart. */
  public static final UUID AUDIT_SIGNING_KEY_ID =
      UUID.nameUUIDFromBytes("keyflow/audit-signing/v1".getBytes(StandardCharsets.US_ASCII));

  static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private static final Logger log = LoggerFactory.getLogger(LedgerCheckpoints.class);

  private static final RowMapper<LedgerCheckpoint> ROW =
      (rs, n) ->
          new LedgerCheckpoint(
              rs.getLong("seq"),
              rs.getString("entry_hash"),
              rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
              rs.getString("signing_key_id"),
              rs.getString("signature_algorithm"),
              rs.getString("signature"),
              rs.getInt("message_version"),
              rs.getObject("previous_seq") == null ? null : rs.getLong("previous_seq"),
              rs.getString("previous_signature_sha256"),
              trimmed(rs.getString("tree_root")));

  private final JdbcTemplate jdbc;
  private final KeyVault vault;
  private final Ledger ledger;
  private final Clock clock;
  private final TransactionTemplate readChain;
  private final TransactionTemplate insertAlone;
  private final IntegrityAlerts alerts;
  private final LedgerTree tree;

  LedgerCheckpoints(
      JdbcTemplate jdbc,
      KeyVault vault,
      Ledger ledger,
      LedgerTree tree,
      Clock clock,
      PlatformTransactionManager tx) {
    this.jdbc = jdbc;
    this.tree = tree;
    this.vault = vault;
    this.ledger = ledger;
    this.clock = clock;
    this.readChain = new TransactionTemplate(tx);
    readChain.setReadOnly(true);
    readChain.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    readChain.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.insertAlone = new TransactionTemplate(tx);
    insertAlone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.alerts = new IntegrityAlerts(ledger, tx);
  }

  /** The audit signing key's public key (PEM-encodable), generating the key pair on first use. */
  public PublicKey publicKey() {
    ensureSigningKey();
    return vault.publicKey(AUDIT_SIGNING_KEY_ID);
  }

  /**
   * Verifies the chain since the previous checkpoint (from the start when there is none, or when
   * the previous one signed no tree root), re-computing the Merkle tree's root on the way, then
   * signs the current head and that root as a signed tree head (message version 3), chained to the
   * previous checkpoint.
   *
   * @return the new checkpoint, or empty when the ledger is empty or unchanged since the last one,
   *     or another node signed this head first
   * @throws LedgerIntegrityFailed when the chain does not verify: nothing is signed, and a {@code
   *     LEDGER_INTEGRITY_FAILED} entry is appended in a transaction of its own
   */
  public Optional<LedgerCheckpoint> checkpoint() {
    // Proofs are served from the stored tree: let it hold what is about to be signed.
    tree.catchUp();
    LedgerHead head = ledger.head();
    Optional<LedgerCheckpoint> previous = latest();
    if (head.lastSeq() == 0 || previous.map(c -> c.seq() >= head.lastSeq()).orElse(false)) {
      return Optional.empty();
    }
    PublicKey publicKey = publicKey();
    LedgerVerifier.Run run = verifySince(previous.orElse(null), publicKey, head);
    LedgerVerification since = run.verdict();
    if (!since.valid()) {
      alerts.record(since, head, previous.orElse(null));
      throw new LedgerIntegrityFailed(since);
    }
    long previousSeq = previous.map(LedgerCheckpoint::seq).orElse(0L);
    String previousSignature =
        previous.map(LedgerCheckpoint::signatureSha256).orElse(LedgerCheckpoint.NO_PREVIOUS);
    if (run.root() == null) {
      // The verification ended before the signed size: nothing to vouch for.
      throw new IllegalStateException(
          "The Merkle root at seq " + head.lastSeq() + " was not re-computed; nothing was signed");
    }
    String root = Merkle.hex(run.root());
    java.time.Instant signedAt = CanonicalForm.truncate(clock.instant());
    byte[] signature =
        vault.sign(
            AUDIT_SIGNING_KEY_ID,
            LedgerCheckpoint.treeHeadMessage(
                head.lastSeq(), root, head.lastHash(), previousSeq, previousSignature, signedAt));
    LedgerCheckpoint checkpoint =
        new LedgerCheckpoint(
            head.lastSeq(),
            head.lastHash(),
            signedAt,
            AUDIT_SIGNING_KEY_ID.toString(),
            SIGNATURE_ALGORITHM,
            Base64.getEncoder().encodeToString(signature),
            3,
            previousSeq,
            previousSignature,
            root);
    try {
      // In a transaction of its own: on PostgreSQL a refused insert would abort the caller's (a
      // job's).
      insertAlone.executeWithoutResult(
          status ->
              jdbc.update(
                  "INSERT INTO ledger_checkpoint (seq, entry_hash, signed_at, signing_key_id, signature_algorithm, signature,"
                      + " message_version, previous_seq, previous_signature_sha256, tree_root)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?)",
                  checkpoint.seq(),
                  checkpoint.entryHash(),
                  OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC),
                  checkpoint.signingKeyId(),
                  checkpoint.signatureAlgorithm(),
                  checkpoint.signature(),
                  checkpoint.messageVersion(),
                  checkpoint.previousSeq(),
                  checkpoint.previousSignatureSha256(),
                  checkpoint.treeRoot()));
    } catch (DataIntegrityViolationException anotherNodeWasFirst) {
      // Same head (primary key) or same predecessor (unique previous_seq): one chain, no fork.
      return Optional.empty();
    }
    return Optional.of(checkpoint);
  }

  /** Every checkpoint, oldest first. */
  public List<LedgerCheckpoint> all() {
    return jdbc.query("SELECT * FROM ledger_checkpoint ORDER BY seq", ROW);
  }

  /**
   * Checks every checkpoint's signature with the vault's audit key, its link to the checkpoint
   * before it, and its hash against the chain.
   */
  public CheckpointVerification verify() {
    List<LedgerCheckpoint> checkpoints = readChain.execute(status -> all());
    if (checkpoints.isEmpty()) {
      return new CheckpointVerification(true, 0, null, null, null);
    }
    return verify(checkpoints, publicKey(), this::ledgerHashAt);
  }

  /**
   * Pure check of checkpoints against a public key and the chain's hashes (null when the entry is
   * gone).
   */
  static CheckpointVerification verify(
      List<LedgerCheckpoint> checkpoints, PublicKey publicKey, LongFunction<String> hashAt) {
    return CheckpointChain.verify(checkpoints, publicKey, hashAt);
  }

  private LedgerVerifier.Run verifySince(
      LedgerCheckpoint previous, PublicKey publicKey, LedgerHead head) {
    if (previous != null && CheckpointChain.signatureProblem(previous, publicKey) != null) {
      return new LedgerVerifier.Run(
          LedgerVerification.invalid(
              previous.seq() - 1,
              previous.seq(),
              "the previous checkpoint (seq "
                  + previous.seq()
                  + ") does not verify with the audit signing key"),
          null);
    }
    LedgerVerifier.Run run =
        readChain.execute(
            status ->
                jdbc.execute(
                    (ConnectionCallback<LedgerVerifier.Run>)
                        connection ->
                            previous == null || previous.treeRoot() == null
                                ? LedgerVerifier.verifyWithRoot(connection, head.lastSeq())
                                : LedgerVerifier.verifySinceWithRoot(
                                    connection,
                                    previous.seq(),
                                    previous.entryHash(),
                                    Merkle.unhex(previous.treeRoot()),
                                    head.lastSeq())));
    if (run.verdict().valid() && !head.lastHash().equals(ledgerHashAt(head.lastSeq()))) {
      return new LedgerVerifier.Run(
          LedgerVerification.invalid(
              head.lastSeq() - 1,
              head.lastSeq(),
              "entry " + head.lastSeq() + " changed while the chain was being verified"),
          null);
    }
    return run;
  }

  private static String trimmed(String hex) {
    return hex == null ? null : hex.trim();
  }

  private String ledgerHashAt(long seq) {
    return jdbc
        .query("SELECT hash FROM ledger_entry WHERE seq = ?", (rs, n) -> rs.getString(1), seq)
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** The most recent checkpoint, if any (for the checkpoint-age metric). */
  public Optional<LedgerCheckpoint> latest() {
    return jdbc.query("SELECT * FROM ledger_checkpoint ORDER BY seq DESC LIMIT 1", ROW).stream()
        .findFirst();
  }

  private void ensureSigningKey() {
    vault.generate(
        new KeySpec(
            AUDIT_SIGNING_KEY_ID,
            "keyflow/audit-signing/v1",
            KeyAlgorithm.EC_P256,
            false,
            KeyRole.SIGNING));
  }
}
