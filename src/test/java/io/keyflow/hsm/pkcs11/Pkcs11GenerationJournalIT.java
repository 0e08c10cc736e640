package io.keyflow.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeySpec;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.VaultKey;
import io.keyflow.support.EmbeddedPostgresSupport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PKCS#11 vault's generation journal on SoftHSM2 and embedded PostgreSQL: a first generation is
 * recorded before the token is asked and does not search the token; every later attempt searches,
 * so a retry after a crash at any point returns the one key made, and without a record nothing is
 * generated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11GenerationJournalIT {

  private SoftHsmToken token;
  private HikariDataSource database;
  private JdbcGenerationJournal journal;
  private Pkcs11KeyVault vault;

  @BeforeAll
  void open() {
    token = SoftHsmToken.create("journal-it");
    database = EmbeddedPostgresSupport.newDataSource();
    Flyway.configure()
        .dataSource(database)
        .locations("classpath:db/migration")
        .table("keyflow_schema_history")
        .load()
        .migrate();
    journal = new JdbcGenerationJournal(database, Clock.systemUTC());
    vault = new Pkcs11KeyVault(token.properties(), token.env(), journal);
  }

  @AfterAll
  void close() {
    if (vault != null) {
      vault.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void aGenerationIsRecordedInTheJournalAndMakesOneObject() {
    UUID id = UUID.randomUUID();
    VaultKey made = vault.generate(spec(id));

    assertThat(
            new JdbcTemplate(database)
                .queryForObject(
                    "SELECT count(*) FROM pkcs11_generation_attempt WHERE key_id = ?",
                    Integer.class,
                    id.toString()))
        .isEqualTo(1);
    assertThat(objectsWithId(id)).isEqualTo(1);
    assertThat(made.kcv()).isNotBlank();
  }

  @Test
  void aRetryAfterACrashFollowingTheGenerationReturnsTheKeyTheCrashedAttemptMade() {
    UUID id = UUID.randomUUID();
    VaultKey made = vault.generate(spec(id));

    // Another node (or this one restarted): its handle cache knows nothing of the key.
    Pkcs11KeyVault restarted = new Pkcs11KeyVault(token.properties(), token.env(), journal);
    try {
      VaultKey again = restarted.generate(spec(id));
      assertThat(again.kcv()).isEqualTo(made.kcv());
      assertThat(again.label()).isEqualTo(made.label());
    } finally {
      restarted.close();
    }
    assertThat(objectsWithId(id)).isEqualTo(1);
  }

  @Test
  void aRetryAfterACrashBeforeTheTokenWasAskedGeneratesTheKey() {
    UUID id = UUID.randomUUID();
    assertThat(journal.recordAttempt(id)).isTrue();

    VaultKey made = vault.generate(spec(id));

    assertThat(objectsWithId(id)).isEqualTo(1);
    assertThat(vault.find(id)).get().extracting(VaultKey::kcv).isEqualTo(made.kcv());
  }

  @Test
  void aRetryWithAnotherAlgorithmIsAConflictNotASecondKey() {
    UUID id = UUID.randomUUID();
    vault.generate(spec(id));

    assertThatThrownBy(
            () ->
                vault.generate(
                    new KeySpec(
                        id,
                        "keyflow/journal/" + id,
                        KeyAlgorithm.RSA_3072,
                        false,
                        KeyRole.SIGNING)))
        .isInstanceOf(KeyVaultException.Conflict.class)
        .hasMessageContaining("already exists as AES_256");
    assertThat(objectsWithId(id)).isEqualTo(1);
  }

  /**
   * Only this vault gives Keyflow's CKA_IDs to objects, and it records each before it does: an id
   * the journal has never seen is therefore generated without a search. The evidence that no search
   * ran: an object placed on the token behind the journal's back is not found. Two keys under one
   * id are then refused at the next lookup, never one of them chosen.
   */
  @Test
  void aFirstGenerationDoesNotSearchTheTokenAndTwoKeysUnderOneIdAreRefused() {
    UUID id = UUID.randomUUID();
    Pkcs11KeyVault withoutJournal = new Pkcs11KeyVault(token.properties(), token.env());
    try {
      withoutJournal.generate(spec(id));
    } finally {
      withoutJournal.close();
    }

    vault.generate(spec(id));
    assertThat(objectsWithId(id)).isEqualTo(2);

    Pkcs11KeyVault restarted = new Pkcs11KeyVault(token.properties(), token.env(), journal);
    try {
      assertThatThrownBy(() -> restarted.encrypt(id, new byte[16], null))
          .isInstanceOf(KeyVaultException.Conflict.class)
          .hasMessageContaining("More than one key on the token has CKA_ID " + id)
          .hasMessageContaining("storage attestation");
      assertThatThrownBy(() -> restarted.generate(spec(id)))
          .isInstanceOf(KeyVaultException.Conflict.class);
    } finally {
      restarted.close();
    }
    assertThat(objectsWithId(id)).isEqualTo(2);
  }

  @Test
  void withoutARecordNothingIsGenerated() {
    HikariDataSource closed = EmbeddedPostgresSupport.newDataSource();
    closed.close();
    Pkcs11KeyVault unrecorded =
        new Pkcs11KeyVault(
            token.properties(), token.env(), new JdbcGenerationJournal(closed, Clock.systemUTC()));
    UUID id = UUID.randomUUID();
    try {
      assertThatThrownBy(() -> unrecorded.generate(spec(id)))
          .isInstanceOf(KeyVaultException.Unavailable.class)
          .hasMessageContaining("could not record the generation of key " + id)
          .hasMessageContaining("nothing was generated");
    } finally {
      unrecorded.close();
    }
    assertThat(objectsWithId(id)).isZero();
  }

  @Test
  void ofConcurrentAttemptsOnSeveralNodesExactlyOneIsTheFirst() throws Exception {
    UUID id = UUID.randomUUID();
    ExecutorService nodes = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        // A journal per node, each on its own pool, as every node has.
        attempts.add(
            () -> new JdbcGenerationJournal(database, Clock.systemUTC()).recordAttempt(id));
      }
      long firsts = 0;
      for (Future<Boolean> attempt : nodes.invokeAll(attempts)) {
        firsts += attempt.get() ? 1 : 0;
      }
      assertThat(firsts).isEqualTo(1);
    } finally {
      nodes.shutdownNow();
    }
  }

  private static KeySpec spec(UUID id) {
    return new KeySpec(
        id, "keyflow/journal/" + id, KeyAlgorithm.AES_256, false, KeyRole.DATA_ENCRYPTION);
  }

  private long objectsWithId(UUID id) {
    return vault.list().stream().filter(object -> object.id().equals(id.toString())).count();
  }
}
