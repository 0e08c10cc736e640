package io.keyflow.ledger;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVault;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs the ledger's head at intervals ({@code keyflow.ledger.checkpoint-interval}, default one
 * hour, and on demand) with the audit signing key — an EC P-256 key pair generated once in the vault
 * under a fixed id and never exportable — and verifies every checkpoint against the chain.
 *
 * <p>The hash chain alone shows that entries were changed unless someone rewrote every later hash
 * and the head as well; a checkpoint signed before such a rewrite no longer matches its entry, and a
 * new one cannot be forged without the HSM.
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
              rs.getString("signature"));

  private final JdbcTemplate jdbc;
  private final KeyVault vault;
  private final Ledger ledger;
  private final Clock clock;

  LedgerCheckpoints(JdbcTemplate jdbc, KeyVault vault, Ledger ledger, Clock clock) {
    this.jdbc = jdbc;
    this.vault = vault;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The audit signing key's public key (PEM-encodable), generating the key pair on first use. */
  public PublicKey publicKey() {
    ensureSigningKey();
    return vault.publicKey(AUDIT_SIGNING_KEY_ID);
  }

  /**
   * Signs the current head unless it is already checkpointed.
   *
   * @return the new checkpoint, or empty when the ledger is empty or unchanged since the last one
   */
  @Transactional
  public Optional<LedgerCheckpoint> checkpoint() {
    LedgerHead head = ledger.head();
    if (head.lastSeq() == 0 || latest().map(c -> c.seq() >= head.lastSeq()).orElse(false)) {
      return Optional.empty();
    }
    ensureSigningKey();
    byte[] signature = vault.sign(AUDIT_SIGNING_KEY_ID, LedgerCheckpoint.message(head.lastSeq(), head.lastHash()));
    LedgerCheckpoint checkpoint =
        new LedgerCheckpoint(
            head.lastSeq(), head.lastHash(), CanonicalForm.truncate(clock.instant()), AUDIT_SIGNING_KEY_ID.toString(),
            SIGNATURE_ALGORITHM, Base64.getEncoder().encodeToString(signature));
    try {
      jdbc.update(
          "INSERT INTO ledger_checkpoint (seq, entry_hash, signed_at, signing_key_id, signature_algorithm, signature)"
              + " VALUES (?,?,?,?,?,?)",
          checkpoint.seq(), checkpoint.entryHash(), OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC),
          checkpoint.signingKeyId(), checkpoint.signatureAlgorithm(), checkpoint.signature());
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      return Optional.empty();
    }
    return Optional.of(checkpoint);
  }

  @Scheduled(
      fixedDelayString = "${keyflow.ledger.checkpoint-interval:PT1H}",
      initialDelayString = "${keyflow.ledger.checkpoint-interval:PT1H}")
  void scheduledCheckpoint() {
    try {
      checkpoint().ifPresent(c -> log.info("Ledger checkpoint signed at sequence {}", c.seq()));
    } catch (RuntimeException e) {
      // A vault outage must not stop the scheduler; the next run signs the then-current head.
      log.warn("Ledger checkpoint not signed this time: {}", e.getMessage());
    }
  }

  /** Every checkpoint, oldest first. */
  public List<LedgerCheckpoint> all() {
    return jdbc.query("SELECT * FROM ledger_checkpoint ORDER BY seq", ROW);
  }

  /** Checks every checkpoint's signature with the vault's audit key and its hash against the chain. */
  @Transactional(readOnly = true)
  public CheckpointVerification verify() {
    List<LedgerCheckpoint> checkpoints = all();
    if (checkpoints.isEmpty()) {
      return new CheckpointVerification(true, 0, null, null, null);
    }
    return verify(checkpoints, publicKey(), seq -> ledgerHashAt(seq));
  }

  /** Pure check of checkpoints against a public key and the chain's hashes (null when the entry is gone). */
  static CheckpointVerification verify(
      List<LedgerCheckpoint> checkpoints, PublicKey publicKey, java.util.function.LongFunction<String> hashAt) {
    for (LedgerCheckpoint checkpoint : checkpoints) {
      String reason = check(checkpoint, publicKey, hashAt.apply(checkpoint.seq()));
      if (reason != null) {
        return new CheckpointVerification(false, checkpoints.size(), last(checkpoints), checkpoint.seq(), reason);
      }
    }
    return new CheckpointVerification(true, checkpoints.size(), last(checkpoints), null, null);
  }

  private static String check(LedgerCheckpoint checkpoint, PublicKey publicKey, String hashInChain) {
    try {
      Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(checkpoint.message());
      if (!verifier.verify(Base64.getDecoder().decode(checkpoint.signature()))) {
        return "checkpoint signature does not verify with the audit signing key";
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "checkpoint signature is malformed";
    }
    if (hashInChain == null) {
      return "the checkpointed entry is missing from the chain";
    }
    if (!hashInChain.equals(checkpoint.entryHash())) {
      return "the checkpointed entry's hash differs from the signed one: the chain was rewritten";
    }
    return null;
  }

  private String ledgerHashAt(long seq) {
    return jdbc.query("SELECT hash FROM ledger_entry WHERE seq = ?", (rs, n) -> rs.getString(1), seq).stream()
        .findFirst().orElse(null);
  }

  /** The most recent checkpoint, if any (for the checkpoint-age metric). */
  public Optional<LedgerCheckpoint> latest() {
    return jdbc.query("SELECT * FROM ledger_checkpoint ORDER BY seq DESC LIMIT 1", ROW).stream().findFirst();
  }

  private void ensureSigningKey() {
    vault.generate(new KeySpec(AUDIT_SIGNING_KEY_ID, "keyflow/audit-signing/v1", KeyAlgorithm.EC_P256, false));
  }

  private static Long last(List<LedgerCheckpoint> checkpoints) {
    return checkpoints.get(checkpoints.size() - 1).seq();
  }
}
