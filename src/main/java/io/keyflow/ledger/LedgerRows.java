package io.keyflow.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The ledger's SQL and row mapping, on plain JDBC so the command line needs no Spring. */
final class LedgerRows {

  static final String COLUMNS =
      "seq, recorded_at, actor, action, key_id, key_alias, version_id, version_number,"
          + " process_instance_id, details, prev_hash, hash";

  static final String INSERT =
      "INSERT INTO ledger_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final String LOCK_HEAD =
      "SELECT last_seq, last_hash FROM ledger_head WHERE id = 1 FOR UPDATE";

  static final String READ_HEAD = "SELECT last_seq, last_hash FROM ledger_head WHERE id = 1";

  static final String UPDATE_HEAD = "UPDATE ledger_head SET last_seq = ?, last_hash = ? WHERE id = 1";

  static final String PAGE =
      "SELECT " + COLUMNS + " FROM ledger_entry WHERE seq >= ? ORDER BY seq LIMIT ?";

  static final int VERIFY_PAGE_SIZE = 1000;

  private LedgerRows() {}

  static LedgerEntry map(ResultSet row) throws SQLException {
    OffsetDateTime recordedAt = row.getObject("recorded_at", OffsetDateTime.class);
    int versionNumber = row.getInt("version_number");
    return new LedgerEntry(
        row.getLong("seq"),
        recordedAt == null ? null : recordedAt.toInstant(),
        row.getString("actor"),
        row.getString("action"),
        row.getString("key_id"),
        row.getString("key_alias"),
        row.getString("version_id"),
        row.wasNull() ? null : versionNumber,
        row.getString("process_instance_id"),
        row.getString("details"),
        row.getString("prev_hash"),
        row.getString("hash"));
  }

  /** The head row, or null when it has been deleted. */
  static LedgerHead readHead(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(READ_HEAD);
        ResultSet row = select.executeQuery()) {
      return row.next() ? new LedgerHead(row.getLong(1), row.getString(2)) : null;
    }
  }

  static List<LedgerEntry> page(Connection connection, long fromSeq, int limit)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(PAGE)) {
      select.setLong(1, fromSeq);
      select.setInt(2, limit);
      try (ResultSet rows = select.executeQuery()) {
        List<LedgerEntry> page = new ArrayList<>();
        while (rows.next()) {
          page.add(map(rows));
        }
        return page;
      }
    }
  }

  /**
   * All entries in sequence order, read page by page (keyset paging on seq) so that a ledger of
   * millions of rows is never held in memory at once.
   */
  static Iterator<LedgerEntry> inOrderFrom(Connection connection, long fromSeq) {
    return new Iterator<>() {
      private Iterator<LedgerEntry> page = List.<LedgerEntry>of().iterator();
      private long nextSeq = fromSeq;
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        if (!page.hasNext() && !exhausted) {
          List<LedgerEntry> next = readPage();
          exhausted = next.size() < VERIFY_PAGE_SIZE;
          if (!next.isEmpty()) {
            nextSeq = next.get(next.size() - 1).seq() + 1;
          }
          page = next.iterator();
        }
        return page.hasNext();
      }

      @Override
      public LedgerEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }

      private List<LedgerEntry> readPage() {
        try {
          return page(connection, nextSeq, VERIFY_PAGE_SIZE);
        } catch (SQLException e) {
          throw new LedgerReadFailed(e);
        }
      }
    };
  }

  /** Reading the ledger failed (as opposed to the ledger being invalid). */
  static final class LedgerReadFailed extends RuntimeException {
    LedgerReadFailed(SQLException cause) {
      super("Cannot read the ledger: " + cause.getMessage(), cause);
    }
  }
}
