package io.keyflow.access.internal;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code access_review} table. */
@Repository
public class ReviewRepository {

  /** One review as stored. */
  public record Review(
      String id,
      String processInstanceId,
      Instant startedAt,
      String startedBy,
      int grantCount,
      Instant completedAt,
      String completedBy,
      Integer keptCount,
      Integer revokedCount,
      Instant escalatedAt,
      Long ledgerSeq) {}

  private static final String COLUMNS =
      "id, process_instance_id, started_at, started_by, grant_count, completed_at, completed_by,"
          + " kept_count, revoked_count, escalated_at, ledger_seq";

  private final JdbcTemplate jdbc;

  ReviewRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String id, String processInstanceId, Instant at, String by, int grants) {
    jdbc.update(
        "INSERT INTO access_review (id, process_instance_id, started_at, started_by, grant_count)"
            + " VALUES (?,?,?,?,?)",
        id,
        processInstanceId,
        ts(at),
        by,
        grants);
  }

  public Optional<Review> byProcessInstance(String processInstanceId) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM access_review WHERE process_instance_id = ?",
            (rs, i) -> row(rs),
            processInstanceId)
        .stream()
        .findFirst();
  }

  public boolean complete(String id, Instant at, String by, int kept, int revoked, long ledgerSeq) {
    return jdbc.update(
            "UPDATE access_review SET completed_at = ?, completed_by = ?, kept_count = ?,"
                + " revoked_count = ?, ledger_seq = ? WHERE id = ? AND completed_at IS NULL",
            ts(at),
            by,
            kept,
            revoked,
            ledgerSeq,
            id)
        > 0;
  }

  public void escalated(String processInstanceId, Instant at) {
    jdbc.update(
        "UPDATE access_review SET escalated_at = ? WHERE process_instance_id = ?",
        ts(at),
        processInstanceId);
  }

  /** Reviews, newest first. */
  public List<Review> recent(int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM access_review ORDER BY started_at DESC LIMIT " + limit,
        (rs, i) -> row(rs));
  }

  private static Review row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Review(
        rs.getString(1),
        rs.getString(2),
        instant(rs, 3),
        rs.getString(4),
        rs.getInt(5),
        instant(rs, 6),
        rs.getString(7),
        rs.getObject(8, Integer.class),
        rs.getObject(9, Integer.class),
        instant(rs, 10),
        rs.getObject(11, Long.class));
  }
}
