package io.keyflow.access.internal;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code key_usage} table: per system, key and operation, written in batches. */
@Repository
public class UsageRepository {

  /** One row's increments, as accumulated in memory since the last flush. */
  public record Delta(
      String system,
      String alias,
      String operation,
      long uses,
      long refusals,
      Instant firstUse,
      Instant lastUse,
      Instant lastRefused) {}

  /** One row as stored. */
  public record Usage(
      String system,
      String alias,
      String operation,
      long uses,
      long refusals,
      Instant firstUse,
      Instant lastUse,
      Instant lastRefused) {}

  private final JdbcTemplate jdbc;

  UsageRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds the deltas in one transaction: an update per row that exists, an insert for the rest
   * (portable between H2 and PostgreSQL; a concurrent first insert of the same row by another node
   * fails this batch, which the caller keeps and retries).
   */
  @Transactional
  public void add(List<Delta> deltas) {
    for (Delta d : deltas) {
      int updated =
          jdbc.update(
              "UPDATE key_usage SET use_count = use_count + ?, refused_count = refused_count + ?,"
                  + " first_use = COALESCE(first_use, ?),"
                  + " last_use = COALESCE(?, last_use), last_refused = COALESCE(?, last_refused)"
                  + " WHERE system_name = ? AND key_alias = ? AND operation = ?",
              d.uses(),
              d.refusals(),
              ts(d.firstUse()),
              ts(d.lastUse()),
              ts(d.lastRefused()),
              d.system(),
              d.alias(),
              d.operation());
      if (updated == 0) {
        jdbc.update(
            "INSERT INTO key_usage (system_name, key_alias, operation, use_count, refused_count,"
                + " first_use, last_use, last_refused) VALUES (?,?,?,?,?,?,?,?)",
            d.system(),
            d.alias(),
            d.operation(),
            d.uses(),
            d.refusals(),
            ts(d.firstUse()),
            ts(d.lastUse()),
            ts(d.lastRefused()));
      }
    }
  }

  /** The usage rows of a system (null: every system) on a key (null: every key). */
  public List<Usage> find(String system, String alias) {
    List<Object> args = new java.util.ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT system_name, key_alias, operation, use_count, refused_count, first_use,"
                + " last_use, last_refused FROM key_usage WHERE 1 = 1");
    if (system != null) {
      sql.append(" AND system_name = ?");
      args.add(system);
    }
    if (alias != null) {
      sql.append(" AND key_alias = ?");
      args.add(alias);
    }
    sql.append(" ORDER BY system_name, key_alias, operation");
    return jdbc.query(
        sql.toString(),
        (rs, i) ->
            new Usage(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                instant(rs, 6),
                instant(rs, 7),
                instant(rs, 8)),
        args.toArray());
  }
}
