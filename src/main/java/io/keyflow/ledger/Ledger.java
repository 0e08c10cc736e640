package io.keyflow.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit ledger: an append-only, hash-chained record of key lifecycle events, written in the
 * same transaction as the state change it records.
 *
 * <p>Each entry is also a leaf of the ledger's Merkle tree ({@link LedgerTree}), integrated in the
 * same transaction.
 *
 * <p>Appends lock the single {@code ledger_head} row ({@code SELECT … FOR UPDATE}), so appends from
 * every thread and every node sharing the database form one gapless chain. The lock is held until
 * the caller's transaction ends: append as the last step of a transaction to keep it short. Nothing
 * here updates or deletes an entry.
 */
@Service
public class Ledger {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  /** For Spring: uses the application's {@link Clock} bean, or the UTC system clock if none. */
  @Autowired
  public Ledger(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
    this(jdbc, clock.getIfAvailable(Clock::systemUTC));
  }

  public Ledger(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Appends an event as the next entry of the chain, within the caller's transaction (or a new one
   * when there is none): if that transaction rolls back, so does the entry.
   *
   * @return the stored entry, with its sequence, time and hash
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public LedgerEntry append(LedgerEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("Ledger.append must run in a transaction");
    }
    long[] treeSize = {-1};
    List<LedgerHead> heads =
        jdbc.query(
            LedgerRows.LOCK_HEAD,
            (row, n) -> {
              treeSize[0] = row.getLong(3);
              return new LedgerHead(row.getLong(1), row.getString(2));
            });
    if (heads.isEmpty()) {
      throw new IllegalStateException("The ledger_head row is missing: the ledger is damaged");
    }
    LedgerHead head = heads.get(0);
    Instant now = CanonicalForm.truncate(clock.instant());
    LedgerEntry unhashed =
        new LedgerEntry(
            head.lastSeq() + 1,
            now,
            event.actor(),
            event.action().name(),
            text(event.keyId()),
            event.keyAlias(),
            text(event.versionId()),
            event.versionNumber(),
            event.processInstanceId(),
            event.detailsJson(),
            head.lastHash(),
            null);
    String hash = CanonicalForm.hash(unhashed);
    LedgerEntry entry = withHash(unhashed, hash);
    jdbc.update(
        LedgerRows.INSERT,
        entry.seq(),
        OffsetDateTime.ofInstant(entry.recordedAt(), ZoneOffset.UTC),
        entry.actor(),
        entry.action(),
        entry.keyId(),
        entry.keyAlias(),
        entry.versionId(),
        entry.versionNumber(),
        entry.processInstanceId(),
        entry.detailsJson(),
        entry.prevHash(),
        entry.hash());
    // The tree grows with the chain unless it is still catching up with entries written before it
    // (LedgerTree.catchUp integrates those, and this one with them).
    long grown =
        treeSize[0] != head.lastSeq()
            ? treeSize[0]
            : jdbc.execute(
                (ConnectionCallback<Long>)
                    connection -> LedgerTree.integrate(connection, head.lastSeq(), List.of(entry)));
    jdbc.update(LedgerRows.UPDATE_HEAD_AND_TREE, entry.seq(), entry.hash(), grown);
    return entry;
  }

  /** One page of entries in sequence order; see {@link LedgerQuery}. */
  public List<LedgerEntry> entries(LedgerQuery query) {
    StringBuilder sql =
        new StringBuilder("SELECT ").append(LedgerRows.COLUMNS).append(" FROM ledger_entry");
    List<Object> args = new ArrayList<>();
    sql.append(" WHERE seq >= ?");
    args.add(query.fromSeq());
    if (query.keyAlias() != null) {
      sql.append(" AND key_alias = ?");
      args.add(query.keyAlias());
    }
    if (query.processInstanceId() != null) {
      sql.append(" AND process_instance_id = ?");
      args.add(query.processInstanceId());
    }
    sql.append(" ORDER BY seq LIMIT ?");
    args.add(query.limit());
    return jdbc.query(sql.toString(), (row, n) -> LedgerRows.map(row), args.toArray());
  }

  /** Every entry for a key alias, in sequence order. */
  public List<LedgerEntry> entriesForKeyAlias(String keyAlias) {
    return allPages(LedgerQuery.forKeyAlias(keyAlias, LedgerQuery.MAX_LIMIT));
  }

  /** Every entry written by one process instance, in sequence order. */
  public List<LedgerEntry> entriesForProcessInstance(String processInstanceId) {
    return allPages(LedgerQuery.forProcessInstance(processInstanceId, LedgerQuery.MAX_LIMIT));
  }

  /** The recorded head: last sequence and hash. */
  public LedgerHead head() {
    return jdbc.execute((ConnectionCallback<LedgerHead>) LedgerRows::readHead);
  }

  /**
   * Verifies the whole chain (see {@link LedgerVerifier}) in its own read-only transaction, reading
   * the entries page by page.
   */
  @Transactional(
      propagation = Propagation.REQUIRES_NEW,
      readOnly = true,
      isolation = Isolation.REPEATABLE_READ)
  public LedgerVerification verify() {
    return jdbc.execute((ConnectionCallback<LedgerVerification>) LedgerVerifier::verify);
  }

  private List<LedgerEntry> allPages(LedgerQuery query) {
    List<LedgerEntry> all = new ArrayList<>();
    List<LedgerEntry> page = entries(query);
    all.addAll(page);
    while (page.size() == query.limit()) {
      page = entries(query.from(page.get(page.size() - 1).seq() + 1));
      all.addAll(page);
    }
    return all;
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static LedgerEntry withHash(LedgerEntry e, String hash) {
    return new LedgerEntry(
        e.seq(),
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
        hash);
  }
}
