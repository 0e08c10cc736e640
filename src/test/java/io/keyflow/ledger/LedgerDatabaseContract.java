package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.keyflow.ledger.details.KeyGenerated;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger against a real database, run for H2 and PostgreSQL. Each test gets a new database,
 * migrated by Flyway, and a small Spring context so {@link Ledger}'s transactions are real.
 */
abstract class LedgerDatabaseContract {

  static final int THREADS = 16;
  static final int APPENDS_PER_THREAD = 50;

  protected final TestClock clock = new TestClock(Instant.parse("2025-06-01T08:00:00Z"));
  protected HikariDataSource dataSource;
  protected JdbcTemplate jdbc;
  protected Ledger ledger;
  protected LedgerTree tree;
  protected TransactionTemplate transactions;
  private AnnotationConfigApplicationContext context;

  /** A new, empty database. */
  protected abstract String newDatabaseUrl();

  protected abstract String user();

  /** Changes ledger rows the way someone with direct database access would. */
  protected void tamper(String sql, Object... args) {
    jdbc.update(sql, args);
  }

  @BeforeEach
  void startLedger() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(newDatabaseUrl());
    dataSource.setUsername(user());
    dataSource.setMaximumPoolSize(THREADS);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("keyflow_schema_history")
        .load()
        .migrate();
    context = new AnnotationConfigApplicationContext();
    context.registerBean(DataSource.class, () -> dataSource);
    context.registerBean(java.time.Clock.class, () -> clock);
    context.register(LedgerTestConfiguration.class);
    context.refresh();
    ledger = context.getBean(Ledger.class);
    tree = context.getBean(LedgerTree.class);
    jdbc = context.getBean(JdbcTemplate.class);
    transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
  }

  @AfterEach
  void stopLedger() {
    context.close();
    dataSource.close();
  }

  @Test
  void concurrentAppendsFromSixteenThreadsFormOneGaplessChainThatVerifies() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<List<Long>>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String actor = "writer-" + t;
      writers.add(
          pool.submit(
              () -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                  LedgerEvent event = event(actor, "alias-" + i % 4, "pi-" + actor);
                  seqs.add(transactions.execute(status -> ledger.append(event)).seq());
                }
                return seqs;
              }));
    }
    List<Long> assigned = new ArrayList<>();
    for (Future<List<Long>> writer : writers) {
      assigned.addAll(writer.get());
    }
    pool.shutdown();
    int total = THREADS * APPENDS_PER_THREAD;

    assertThat(assigned).containsExactlyInAnyOrderElementsOf(range(total));
    assertThat(jdbc.queryForList("SELECT seq FROM ledger_entry ORDER BY seq", Long.class))
        .isEqualTo(range(total));
    assertThat(ledger.verify()).isEqualTo(LedgerVerification.ok(total));
    assertThat(ledger.head().lastSeq()).isEqualTo(total);
    assertThat(tree.size()).isEqualTo(total);
    assertThat(tree.root(total)).isEqualTo(reference().root(total));
  }

  @Test
  void everyAppendGrowsTheMerkleTreeWhoseRootsAndProofsMatchAnIndependentTree() {
    appendEntries(70);
    ReferenceMerkleTree reference = reference();

    assertThat(tree.size()).isEqualTo(70);
    for (int size = 1; size <= 70; size++) {
      byte[] root = tree.root(size);
      assertThat(root).as("root of %d", size).isEqualTo(reference.root(size));
      for (int seq = 1; seq <= size; seq += 7) {
        LedgerTree.InclusionProof proof = tree.inclusion(seq, size);
        assertThat(proof.leafHash()).isEqualTo(reference.leafHash(seq - 1));
        assertThat(hex(proof.path())).isEqualTo(hex(reference.path(seq - 1, size)));
        assertThat(proof.rootHash()).isEqualTo(root);
        assertThat(Merkle.verifyInclusion(seq, size, proof.leafHash(), proof.path(), root))
            .isTrue();
      }
      for (int from = 1; from <= size; from += 5) {
        LedgerTree.ConsistencyProof proof = tree.consistency(from, size);
        assertThat(hex(proof.path())).isEqualTo(hex(reference.proof(from, size)));
        assertThat(
                Merkle.verifyConsistency(
                    from, size, reference.root(from), reference.root(size), proof.path()))
            .isTrue();
      }
    }
  }

  @Test
  void aRolledBackAppendLeavesNoTreeNode() {
    appendEntries(3);
    transactions.executeWithoutResult(
        status -> {
          ledger.append(event("alice", "a", "pi-1"));
          status.setRollbackOnly();
        });

    assertThat(tree.size()).isEqualTo(3);
    assertThat(
            jdbc.queryForObject("SELECT COUNT(*) FROM ledger_tree_node WHERE seq > 3", Long.class))
        .isZero();
    assertThat(tree.root(3)).isEqualTo(reference().root(3));
  }

  @Test
  void entriesWrittenBeforeTheTreeAreIntegratedByTheCatchUpInBatchesAndAppendsThenContinueIt() {
    int length = LedgerTree.CATCH_UP_BATCH * 2 + 37;
    List<LedgerEntry> chain = LedgerFixtures.chain(length);
    jdbc.batchUpdate(LedgerRows.INSERT, chain.stream().map(LedgerDatabaseContract::row).toList());
    jdbc.update(LedgerRows.UPDATE_HEAD, length, chain.get(length - 1).hash());
    clock.set(LedgerFixtures.START.plusSeconds(length + 1));
    // Appended while the tree is still behind: left for the catch-up, which takes it along.
    ledger.append(event("alice", "a", "pi-1"));
    assertThat(tree.size()).isZero();

    assertThat(tree.catchUp()).isEqualTo(length + 1);
    appendEntries(2);

    assertThat(tree.size()).isEqualTo(length + 3);
    ReferenceMerkleTree reference = reference();
    assertThat(tree.root(length + 3)).isEqualTo(reference.root(length + 3));
    assertThat(tree.root(length)).isEqualTo(reference.root(length));
    LedgerTree.ConsistencyProof proof = tree.consistency(length, length + 3);
    assertThat(
            Merkle.verifyConsistency(
                length, length + 3, proof.fromRoot(), proof.toRoot(), proof.path()))
        .isTrue();
    assertThat(tree.catchUp()).isZero();
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void aStoredTreeNodeAlteredOrDeletedIsReportedByTheVerifierNamingTheEntriesItCovers() {
    appendEntries(13);
    assertThat(ledger.verify()).isEqualTo(LedgerVerification.ok(13));

    tamper("UPDATE ledger_tree_node SET hash = ? WHERE seq = 12 AND height = 2", "ab".repeat(32));

    LedgerVerification altered = ledger.verify();
    assertThat(altered.valid()).isFalse();
    assertThat(altered.firstInvalidSequence()).isEqualTo(9);
    assertThat(altered.reason())
        .isEqualTo(
            "the stored Merkle tree's node over entries 9 to 12 differs from the one re-computed"
                + " from them: tree nodes were altered");

    tamper("DELETE FROM ledger_tree_node WHERE seq = 8 AND height = 3");

    assertThat(ledger.verify().reason()).contains("node over entries 1 to 8 is missing");
  }

  @Test
  void refusesProofsForSizesOutsideTheTreeAndEntriesOutsideTheSize() {
    appendEntries(5);

    assertThatRefused(
        () -> tree.inclusion(1, 0), "treeSize must be between 1 and the tree's size (5), not 0");
    assertThatRefused(
        () -> tree.inclusion(1, 6), "treeSize must be between 1 and the tree's size (5), not 6");
    assertThatRefused(() -> tree.inclusion(5, 4), "Entry 5 is not in the tree of size 4");
    assertThatRefused(() -> tree.inclusion(0, 4), "Entry 0 is not in the tree of size 4");
    assertThatRefused(() -> tree.consistency(4, 3), "from must be between 1 and to (3), not 4");
    assertThatRefused(() -> tree.consistency(0, 3), "from must be between 1 and to (3), not 0");
    assertThatRefused(
        () -> tree.consistency(1, 9), "to must be between 1 and the tree's size (5), not 9");
    assertThat(tree.size()).isEqualTo(5);
  }

  @Test
  void anEntryEditedInTheDatabaseGetsAProofThatNoLongerLeadsToTheRootSignedBefore() {
    appendEntries(9);
    byte[] root = tree.root(9);

    tamper("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = 4");

    LedgerTree.InclusionProof proof = tree.inclusion(4, 9);
    assertThat(Merkle.verifyInclusion(4, 9, proof.leafHash(), proof.path(), root)).isFalse();
    LedgerTree.InclusionProof untouched = tree.inclusion(5, 9);
    assertThat(Merkle.verifyInclusion(5, 9, untouched.leafHash(), untouched.path(), root)).isTrue();
  }

  @Test
  void appendedEntryReadsBackExactlyAsItWasHashed() {
    clock.set(Instant.parse("2025-06-01T12:00:00.123456789Z"));
    UUID keyId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();

    LedgerEntry appended =
        ledger.append(
            LedgerEvent.builder(LedgerAction.KEY_GENERATED, "officer-1")
                .key(keyId, "payments-dek")
                .version(versionId, 1)
                .processInstance("pi-1")
                .details(
                    new KeyGenerated(
                        "DATA_AT_REST",
                        "AES-256",
                        false,
                        "PRODUCTION",
                        "payments",
                        "A1B2C3",
                        "software",
                        "keyflow/payments-dek/v1",
                        "bob",
                        Instant.parse("2026-06-01T12:00:00Z"),
                        true,
                        true,
                        null,
                        null))
                .build());

    assertThat(appended.recordedAt()).isEqualTo(Instant.parse("2025-06-01T12:00:00.123Z"));
    assertThat(appended.keyId()).isEqualTo(keyId.toString());
    assertThat(appended.prevHash()).isEqualTo(CanonicalForm.GENESIS_HASH);
    assertThat(ledger.entries(LedgerQuery.all(10))).containsExactly(appended);
    assertThat(ledger.head()).isEqualTo(new LedgerHead(1, appended.hash()));
  }

  @Test
  void appendRollsBackWithTheCallersTransaction() {
    transactions.executeWithoutResult(
        status -> {
          ledger.append(event("alice", "a", "pi-1"));
          status.setRollbackOnly();
        });

    assertThat(ledger.entries(LedgerQuery.all(10))).isEmpty();
    assertThat(ledger.head()).isEqualTo(new LedgerHead(0, CanonicalForm.GENESIS_HASH));
    assertThat(ledger.append(event("alice", "a", "pi-2")).seq()).isEqualTo(1);
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void findsEntriesByKeyAliasAndByProcessInstanceInSequenceOrder() {
    for (int i = 1; i <= 9; i++) {
      clock.advance(java.time.Duration.ofMinutes(1));
      ledger.append(event("alice", "alias-" + i % 3, "pi-" + i % 2));
    }

    assertThat(seqs(ledger.entriesForKeyAlias("alias-1"))).containsExactly(1L, 4L, 7L);
    assertThat(seqs(ledger.entriesForProcessInstance("pi-0"))).containsExactly(2L, 4L, 6L, 8L);
    assertThat(seqs(ledger.entries(new LedgerQuery(null, "pi-1", 4, 2)))).containsExactly(5L, 7L);
    assertThat(seqs(ledger.entries(new LedgerQuery("alias-2", "pi-0", 1, 10))))
        .containsExactly(2L, 8L);
  }

  @Test
  void detectsEntryUpdatedInTheDatabaseAndNamesItsSequence() {
    appendEntries(10);

    tamper("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = 4");

    assertInvalidAt(4, "hash mismatch");
  }

  @Test
  void verifyingSinceAnAnchorChecksTheAnchorAndEveryLaterEntryButNotTheEarlierOnes()
      throws Exception {
    appendEntries(12);
    String anchorHash = ledger.entries(LedgerQuery.all(12)).get(4).hash();

    assertThat(verifySince(5, anchorHash)).isEqualTo(LedgerVerification.ok(12));
    tamper("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = 2");
    assertThat(verifySince(5, anchorHash).valid())
        .as("entry 2 was checked when the anchor was signed")
        .isTrue();

    tamper("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = 9");
    assertThat(verifySince(5, anchorHash).firstInvalidSequence()).isEqualTo(9);
  }

  @Test
  void verifyingSinceAnAnchorCatchesAnAlteredOrMissingAnchor() throws Exception {
    appendEntries(6);
    String anchorHash = ledger.entries(LedgerQuery.all(6)).get(2).hash();

    tamper("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = 3");
    LedgerVerification altered = verifySince(3, anchorHash);
    assertThat(altered.firstInvalidSequence()).isEqualTo(3);
    assertThat(altered.reason()).contains("hash mismatch");

    tamper("DELETE FROM ledger_entry WHERE seq = 3");
    assertThat(verifySince(3, anchorHash).reason()).contains("entry 3").contains("missing");
    assertThat(verifySince(4, "0".repeat(64)).reason()).contains("no longer has the hash");
  }

  private LedgerVerification verifySince(long anchorSeq, String anchorHash)
      throws java.sql.SQLException {
    try (java.sql.Connection connection = dataSource.getConnection()) {
      return LedgerVerifier.verifySince(connection, anchorSeq, anchorHash);
    }
  }

  @Test
  void detectsTimeMovedByOneMicrosecondInTheDatabase() {
    appendEntries(5);
    Instant original = ledger.entries(LedgerQuery.all(5)).get(2).recordedAt();

    tamper(
        "UPDATE ledger_entry SET recorded_at = ? WHERE seq = 3",
        OffsetDateTime.ofInstant(original.plusNanos(1_000), ZoneOffset.UTC));

    assertInvalidAt(3, "hash mismatch");
  }

  @Test
  void detectsDeletedMiddleEntryAndNamesItsSequence() {
    appendEntries(10);

    tamper("DELETE FROM ledger_entry WHERE seq = 5");

    assertInvalidAt(5, "entry 5 is missing");
  }

  @Test
  void detectsDeletedLastEntryThroughTheHead() {
    appendEntries(10);

    tamper("DELETE FROM ledger_entry WHERE seq = 10");

    assertInvalidAt(10, "the head records 10 entries but the chain ends at 9");
  }

  @Test
  void detectsTwoRowsSwappedInTheDatabase() {
    appendEntries(6);
    List<LedgerEntry> entries = ledger.entries(LedgerQuery.all(6));

    tamper("DELETE FROM ledger_entry WHERE seq IN (3, 4)");
    insertRaw(renumbered(entries.get(3), 3));
    insertRaw(renumbered(entries.get(2), 4));

    assertInvalidAt(3, "prev_hash mismatch");
  }

  @Test
  void detectsForgedEntryInsertedBeyondTheHead() {
    appendEntries(3);
    LedgerEntry last = ledger.entries(LedgerQuery.all(3)).get(2);

    insertRaw(
        LedgerFixtures.hashed(
            new LedgerEntry(
                4,
                last.recordedAt(),
                "mallory",
                "KEY_DESTROYED",
                null,
                null,
                null,
                null,
                null,
                "{}",
                last.hash(),
                null)));

    assertInvalidAt(4, "beyond the head");
  }

  @Test
  void verifiesALedgerSpanningSeveralPagesAndPinpointsAGapDeepInIt() {
    int length = 2 * LedgerRows.VERIFY_PAGE_SIZE + 500;
    List<LedgerEntry> chain = LedgerFixtures.chain(length);
    jdbc.batchUpdate(LedgerRows.INSERT, chain.stream().map(LedgerDatabaseContract::row).toList());
    jdbc.update(LedgerRows.UPDATE_HEAD, length, chain.get(length - 1).hash());

    assertThat(ledger.verify()).isEqualTo(LedgerVerification.ok(length));

    tamper("DELETE FROM ledger_entry WHERE seq = ?", 2001L);

    assertInvalidAt(2001, "entry 2001 is missing");
  }

  @Test
  void stopsAtAnEntryAlteredOnTheFirstPageWhileTheNextIsReadAndLeavesTheConnectionUsable() {
    int length = 3 * LedgerRows.VERIFY_PAGE_SIZE;
    List<LedgerEntry> chain = LedgerFixtures.chain(length);
    jdbc.batchUpdate(LedgerRows.INSERT, chain.stream().map(LedgerDatabaseContract::row).toList());
    jdbc.update(LedgerRows.UPDATE_HEAD, length, chain.get(length - 1).hash());
    tamper("DELETE FROM ledger_entry WHERE seq = ?", 17L);
    LedgerEntry original = chain.get(16);
    insertRaw(
        new LedgerEntry(
            17,
            original.recordedAt(),
            "mallory",
            original.action(),
            original.keyId(),
            original.keyAlias(),
            original.versionId(),
            original.versionNumber(),
            original.processInstanceId(),
            original.detailsJson(),
            original.prevHash(),
            original.hash()));

    for (int run = 0; run < 3; run++) {
      assertInvalidAt(17, "hash mismatch");
    }
    assertThat(ledger.entries(LedgerQuery.all(20))).hasSize(20);
  }

  @Test
  void verifiesAnEntryWithAVersionNumberButNoVersionId() {
    LedgerEntry entry =
        LedgerFixtures.hashed(
            new LedgerEntry(
                1,
                java.time.Instant.parse("2026-01-02T03:04:05.678Z"),
                "system",
                "KEY_GENERATED",
                null,
                "alias",
                null,
                3,
                null,
                "{}",
                CanonicalForm.GENESIS_HASH,
                null));
    insertRaw(entry);
    jdbc.update(LedgerRows.UPDATE_HEAD, 1, entry.hash());

    assertThat(ledger.verify()).isEqualTo(LedgerVerification.ok(1));
  }

  @Test
  void commandLineVerifierExitsWithZeroThenOneAfterTampering() {
    appendEntries(5);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    String[] args = {"ledger", "verify", "--url=" + dataSource.getJdbcUrl(), "--user=" + user()};

    assertThat(LedgerCommand.run(args, out)).isEqualTo(0);
    tamper("DELETE FROM ledger_entry WHERE seq = 2");
    assertThat(LedgerCommand.run(args, out)).isEqualTo(1);

    assertThat(output.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "ledger valid: 5 entries",
            "ledger INVALID at seq 2: entry 2 is missing: the entry after entry 1 is entry 3");
  }

  /** An independent tree over the entries as stored now. */
  protected ReferenceMerkleTree reference() {
    return ReferenceMerkleTree.ofEntries(
        jdbc.query(
            "SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry ORDER BY seq",
            (row, n) -> LedgerRows.map(row)));
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Merkle::hex).toList();
  }

  private static void assertThatRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call)
        .isInstanceOf(io.keyflow.shared.Refusal.class)
        .hasMessageContaining(message);
  }

  protected void appendEntries(int count) {
    for (int i = 0; i < count; i++) {
      clock.advance(java.time.Duration.ofSeconds(1));
      ledger.append(event("user-" + i, "alias-" + i, "pi-" + i));
    }
  }

  protected void assertInvalidAt(long seq, String reason) {
    LedgerVerification result = ledger.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidSequence()).isEqualTo(seq);
    assertThat(result.entries()).isEqualTo(seq - 1);
    assertThat(result.reason()).contains(reason);
  }

  protected void insertRaw(LedgerEntry entry) {
    tamper(LedgerRows.INSERT, row(entry));
  }

  private static Object[] row(LedgerEntry e) {
    return new Object[] {
      e.seq(),
      OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC),
      e.actor(),
      e.action(),
      e.keyId(),
      e.keyAlias(),
      e.versionId(),
      e.versionNumber(),
      e.processInstanceId(),
      e.detailsJson(),
      e.prevHash(),
      e.hash()
    };
  }

  private static LedgerEntry renumbered(LedgerEntry e, long seq) {
    return new LedgerEntry(
        seq,
        e.recordedAt(),
        e.actor(),
        e.action(),
        e.keyId(),
        e.keyAlias(),
        e.versionId(),
        e.versionNumber(),
        e.processInstanceId(),
        e.detailsJson(),
        e.prevHash(),
        e.hash());
  }

  private static final KeyGenerated KCV_ONLY =
      new KeyGenerated(
          null, null, null, null, null, "A1B2C3", null, null, null, null, null, null, null, null);

  private static LedgerEvent event(String actor, String alias, String processInstanceId) {
    return LedgerEvent.builder(LedgerAction.KEY_GENERATED, actor)
        .key(UUID.randomUUID(), alias)
        .version(UUID.randomUUID(), 1)
        .processInstance(processInstanceId)
        .details(KCV_ONLY)
        .build();
  }

  private static List<Long> range(int total) {
    return LongStream.rangeClosed(1, total).boxed().toList();
  }

  private static List<Long> seqs(List<LedgerEntry> entries) {
    return entries.stream().map(LedgerEntry::seq).toList();
  }

  @Configuration
  @EnableTransactionManagement
  @Import({Ledger.class, LedgerTree.class})
  static class LedgerTestConfiguration {
    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
      return new JdbcTemplate(dataSource);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }
  }
}
