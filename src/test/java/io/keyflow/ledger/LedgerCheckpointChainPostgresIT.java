package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyflow.hsm.KeyVault;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.support.FullStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chained checkpoints and the refusal to sign a broken chain, on the production shape (SoftHSM2 +
 * PostgreSQL). One narrative on one database: an unchained checkpoint from before the upgrade, then
 * chained ones; a checkpoint deleted and put back; a ledger row altered by the database owner.
 */
@SpringBootTest
@ActiveProfiles("test")
// Closed before the JVM exits, while embedded PostgreSQL still runs (its shutdown hook would race
// Spring's).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LedgerCheckpointChainPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "chain");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  @Autowired Ledger ledger;
  @Autowired LedgerCheckpoints checkpoints;
  @Autowired KeyVault vault;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired Environment environment;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @Test
  void checkpointsChainToEachOtherAndABrokenChainIsNeverSigned() {
    appendEntries(2);
    signUnchainedCheckpointAsBeforeTheUpgrade(2);
    appendEntries(1);
    LedgerCheckpoint third = checkpoints.checkpoint().orElseThrow();
    appendEntries(1);
    LedgerCheckpoint fourth = checkpoints.checkpoint().orElseThrow();
    appendEntries(1);
    LedgerCheckpoint fifth = checkpoints.checkpoint().orElseThrow();

    assertThat(List.of(third.previousSeq(), fourth.previousSeq(), fifth.previousSeq()))
        .containsExactly(2L, 3L, 4L);
    assertThat(fifth.messageVersion()).as("a signed tree head").isEqualTo(3);
    assertThat(fifth.previousSignatureSha256()).isEqualTo(fourth.signatureSha256());
    assertThat(checkpoints.verify()).isEqualTo(new CheckpointVerification(true, 4, 5L, null, null));
    Path pem = writePublicKeyPem();
    assertThat(cli(pem)).isZero();

    // The database owner deletes the checkpoint at seq 4.
    Map<String, Object> deleted = jdbc.queryForMap("SELECT * FROM ledger_checkpoint WHERE seq = 4");
    jdbc.update("DELETE FROM ledger_checkpoint WHERE seq = 4");

    CheckpointVerification online = checkpoints.verify();
    assertThat(online.valid()).isFalse();
    assertThat(online.firstInvalidCheckpoint()).isEqualTo(5);
    assertThat(online.reason()).contains("seq 4").contains("missing").contains("deleted");
    assertThat(cli(pem)).as("the offline verifier sees it too").isEqualTo(1);
    assertThat(output.toString()).contains("checkpoints INVALID at seq 5").contains("deleted");

    // Put back, the chain holds again.
    reinsert(deleted);
    assertThat(checkpoints.verify().valid()).isTrue();

    // Entries up to 12; then row 5 is altered with the append-only trigger disabled.
    appendEntries(7);
    alterEntryWithoutRehashing(5, "tampered");
    long entriesBefore = ledger.head().lastSeq();

    assertThatThrownBy(() -> checkpoints.checkpoint())
        .isInstanceOf(LedgerIntegrityFailed.class)
        .hasMessageContaining("entry 5")
        .satisfies(
            e -> assertThat(((LedgerIntegrityFailed) e).firstInvalidSequence()).isEqualTo(5));

    assertThat(jdbc.queryForObject("SELECT MAX(seq) FROM ledger_checkpoint", Long.class))
        .as("nothing was signed")
        .isEqualTo(5);
    LedgerEntry alert = ledger.entries(LedgerQuery.all(100).from(entriesBefore + 1)).get(0);
    assertThat(alert.seq()).isEqualTo(13);
    assertThat(alert.action()).isEqualTo(LedgerAction.LEDGER_INTEGRITY_FAILED.name());
    assertThat(alert.actor()).isEqualTo(IntegrityAlerts.ACTOR);
    assertThat(alert.detailsJson())
        .contains("\"firstInvalidSequence\":5")
        .contains("\"headSequence\":12");
    assertThat(ledger.verify().firstInvalidSequence())
        .as("the alert does not hide the damage")
        .isEqualTo(5);

    assertThatThrownBy(() -> checkpoints.checkpoint())
        .as("asked again")
        .isInstanceOf(LedgerIntegrityFailed.class);
    assertThat(ledger.head().lastSeq()).as("the same damage is alerted once").isEqualTo(13);
  }

  private void appendEntries(int count) {
    for (int i = 0; i < count; i++) {
      transactions.executeWithoutResult(
          status ->
              ledger.append(
                  LedgerEvent.builder(LedgerAction.KEY_GENERATION_REQUESTED, "alice")
                      .key(null, "k")
                      .details(
                          new KeyGenerationRequested("DATA_AT_REST", null, null, null, null, null))
                      .build()));
    }
  }

  /** A version-1 checkpoint: signed over seq and hash only, with no link, as before chaining. */
  private void signUnchainedCheckpointAsBeforeTheUpgrade(long seq) {
    String hash =
        jdbc.queryForObject("SELECT hash FROM ledger_entry WHERE seq = ?", String.class, seq);
    checkpoints.publicKey();
    byte[] signature =
        vault.sign(LedgerCheckpoints.AUDIT_SIGNING_KEY_ID, LedgerCheckpoint.message(seq, hash));
    jdbc.update(
        "INSERT INTO ledger_checkpoint (seq, entry_hash, signed_at, signing_key_id, signature_algorithm,"
            + " signature) VALUES (?,?,?,?,?,?)",
        seq,
        hash,
        Timestamp.from(Instant.now()),
        LedgerCheckpoints.AUDIT_SIGNING_KEY_ID.toString(),
        LedgerCheckpoints.SIGNATURE_ALGORITHM,
        Base64.getEncoder().encodeToString(signature));
  }

  private void reinsert(Map<String, Object> row) {
    jdbc.update(
        "INSERT INTO ledger_checkpoint (seq, entry_hash, signed_at, signing_key_id, signature_algorithm,"
            + " signature, message_version, previous_seq, previous_signature_sha256, tree_root)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?)",
        row.get("seq"),
        row.get("entry_hash"),
        row.get("signed_at"),
        row.get("signing_key_id"),
        row.get("signature_algorithm"),
        row.get("signature"),
        row.get("message_version"),
        row.get("previous_seq"),
        row.get("previous_signature_sha256"),
        row.get("tree_root"));
  }

  private void alterEntryWithoutRehashing(long seq, String alias) {
    jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
    try {
      jdbc.update("UPDATE ledger_entry SET key_alias = ? WHERE seq = ?", alias, seq);
    } finally {
      jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }
  }

  private int cli(Path publicKey) {
    output.reset();
    return LedgerCommand.run(
        new String[] {
          "ledger",
          "verify",
          "--url=" + environment.getProperty("spring.datasource.url"),
          "--user=postgres",
          "--password-env=PG_TEST_PASSWORD",
          "--public-key=" + publicKey
        },
        new PrintStream(output, true, StandardCharsets.UTF_8),
        name -> "PG_TEST_PASSWORD".equals(name) ? "postgres" : null);
  }

  private Path writePublicKeyPem() {
    try {
      Path file = Files.createTempFile(Path.of("target"), "audit-key", ".pem");
      Files.writeString(
          file,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(checkpoints.publicKey().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
