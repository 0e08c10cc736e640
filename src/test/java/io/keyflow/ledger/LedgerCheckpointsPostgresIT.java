package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.hsm.KeyVault;
import io.keyflow.ledger.details.KeyGenerationRequested;
import io.keyflow.support.FullStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints on the production shape: the audit signing key lives on a SoftHSM2 token, the
 * ledger in PostgreSQL. A rewrite of the chain that re-hashes every later entry and the head —
 * invisible to the hash chain alone — breaks the checkpoint signed before it.
 */
@SpringBootTest
@ActiveProfiles("test")
// Closed before the JVM exits, while embedded PostgreSQL still runs (its shutdown hook would race
// Spring's).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LedgerCheckpointsPostgresIT {

  @DynamicPropertySource
  static void fullStack(DynamicPropertyRegistry registry) {
    FullStack.register(registry, "checkpoints");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  @Autowired Ledger ledger;
  @Autowired LedgerCheckpoints checkpoints;
  @Autowired KeyVault vault;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  private void append(String alias) {
    transactions.executeWithoutResult(
        status ->
            ledger.append(
                LedgerEvent.builder(LedgerAction.KEY_GENERATION_REQUESTED, "alice")
                    .key(null, alias)
                    .details(
                        new KeyGenerationRequested("DATA_AT_REST", null, null, null, null, null))
                    .build()));
  }

  @Test
  void checkpointsAreSignedInTheHsmAndARewrittenChainIsCaughtByThem() {
    append("a");
    append("b");
    LedgerCheckpoint first = checkpoints.checkpoint().orElseThrow();
    assertThat(first.seq()).isEqualTo(2);
    assertThat(checkpoints.checkpoint()).as("nothing new to sign").isEmpty();
    append("c");
    assertThat(checkpoints.checkpoint().orElseThrow().seq()).isEqualTo(3);

    var signingKey = vault.find(LedgerCheckpoints.AUDIT_SIGNING_KEY_ID).orElseThrow();
    assertThat(signingKey.provenance().neverExtractable()).isTrue();
    assertThat(signingKey.provenance().sensitive()).isTrue();
    assertThat(checkpoints.verify().valid()).isTrue();
    assertThat(checkpoints.verify().checkpoints()).isEqualTo(2);

    Path pem = writePublicKeyPem();
    assertThat(cli(pem)).isEqualTo(0);

    rewriteChainFrom(2, "forged");

    assertThat(ledger.verify().valid()).as("the rewritten chain hashes consistently").isTrue();
    CheckpointVerification verdict = checkpoints.verify();
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.firstInvalidCheckpoint()).isEqualTo(2);
    assertThat(verdict.reason()).contains("rewritten");
    assertThat(cli(pem)).as("the command line sees it too").isEqualTo(1);
    assertThat(output.toString())
        .contains("ledger valid: 3 entries")
        .contains("checkpoints INVALID at seq 2");
  }

  @Autowired org.springframework.core.env.Environment environment;
  private final java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();

  private int cli(Path publicKey) {
    return LedgerCommand.run(
        new String[] {
          "ledger",
          "verify",
          "--url=" + environment.getProperty("spring.datasource.url"),
          "--user=postgres",
          "--password-env=PG_TEST_PASSWORD",
          "--public-key=" + publicKey
        },
        new java.io.PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8),
        name -> "PG_TEST_PASSWORD".equals(name) ? "postgres" : null);
  }

  private Path writePublicKeyPem() {
    try {
      Path file = Files.createTempFile(Path.of("target"), "audit-key", ".pem");
      Files.writeString(
          file,
          "-----BEGIN PUBLIC KEY-----\n"
              + java.util.Base64.getMimeEncoder()
                  .encodeToString(checkpoints.publicKey().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Changes entry {@code from} and re-hashes it, every later entry and the head, as an insider with
   * DB access could.
   */
  private void rewriteChainFrom(long from, String alias) {
    jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
    try {
      var entries = ledger.entries(LedgerQuery.all(1000));
      String prev = entries.get((int) from - 2).hash();
      for (LedgerEntry e : entries.subList((int) from - 1, entries.size())) {
        LedgerEntry changed =
            new LedgerEntry(
                e.seq(),
                e.recordedAt(),
                e.actor(),
                e.action(),
                e.keyId(),
                e.seq() == from ? alias : e.keyAlias(),
                e.versionId(),
                e.versionNumber(),
                e.processInstanceId(),
                e.detailsJson(),
                prev,
                null);
        String hash = CanonicalForm.hash(changed);
        jdbc.update(
            "UPDATE ledger_entry SET key_alias = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            changed.keyAlias(),
            prev,
            hash,
            e.seq());
        prev = hash;
      }
      jdbc.update("UPDATE ledger_head SET last_hash = ? WHERE id = 1", prev);
    } finally {
      jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }
    assertThat(jdbc.queryForMap("SELECT key_alias FROM ledger_entry WHERE seq = ?", from))
        .isEqualTo(Map.of("key_alias", alias));
  }
}
