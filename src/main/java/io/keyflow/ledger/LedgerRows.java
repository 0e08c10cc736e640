package io.keyflow.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The ledger's SQL and row mapping, on plain JDBC so the command line needs no Spring. */
final class LedgerRows {

  static final String COLUMNS =
      "seq, recorded_at, actor, action, key_id, key_alias, version_id, version_number,"
          + " process_instance_id, details, prev_hash, hash";

  static final String INSERT =
      "INSERT INTO ledger_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final String LOCK_HEAD =
      "SELECT last_seq, last_hash, tree_size FROM ledger_head WHERE id = 1 FOR UPDATE";

  static final String READ_HEAD = "SELECT last_seq, last_hash FROM ledger_head WHERE id = 1";

  static final String UPDATE_HEAD =
      "UPDATE ledger_head SET last_seq = ?, last_hash = ? WHERE id = 1";

  /** The head after an append that also grew the tree to the new entry. */
  static final String UPDATE_HEAD_AND_TREE =
      "UPDATE ledger_head SET last_seq = ?, last_hash = ?, tree_size = ? WHERE id = 1";

  static final String PAGE =
      "SELECT " + COLUMNS + " FROM ledger_entry WHERE seq >= ? ORDER BY seq LIMIT ?";

  /** Entries per keyset page when verifying: few round trips, a few MB of heap at most. */
  static final int VERIFY_PAGE_SIZE = 5000;

  private LedgerRows() {}

  /**
   * Maps a row selected with {@link #COLUMNS}, by position (a name lookup per column is measurable
   * over millions of rows).
   */
  static LedgerEntry map(ResultSet row) throws SQLException {
    OffsetDateTime recordedAt = row.getObject(2, OffsetDateTime.class);
    int versionNumber = row.getInt(8);
    Integer version = row.wasNull() ? null : versionNumber;
    return new LedgerEntry(
        row.getLong(1),
        recordedAt == null ? null : recordedAt.toInstant(),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        version,
        row.getString(9),
        row.getString(10),
        row.getString(11),
        row.getString(12));
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
      select.setFetchSize(limit);
      try (ResultSet rows = select.executeQuery()) {
        List<LedgerEntry> page = new ArrayList<>();
        while (rows.next()) {
          page.add(map(rows));
        }
        return page;
      }
    }
  }

  /** Reading the ledger failed (as opposed to the ledger being invalid). */
  static final class LedgerReadFailed extends RuntimeException {
    LedgerReadFailed(SQLException cause) {
      super("Cannot read the ledger: " + cause.getMessage(), cause);
    }
  }
}
