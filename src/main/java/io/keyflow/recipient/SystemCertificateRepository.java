package io.keyflow.recipient;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code system_certificate} table. Joins the caller's transaction. */
@Repository
class SystemCertificateRepository {

  private static final String COLUMNS =
      "sha256, system_id, pem, subject, not_before, not_after, added_at, added_by, removed_at,"
          + " removed_by, removal_reason";

  private final JdbcTemplate jdbc;

  SystemCertificateRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(SystemCertificate c) {
    jdbc.update(
        "INSERT INTO system_certificate (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        c.sha256(),
        c.systemId().toString(),
        c.pem(),
        c.subject(),
        ts(c.notBefore()),
        ts(c.notAfter()),
        ts(c.addedAt()),
        c.addedBy(),
        ts(c.removedAt()),
        c.removedBy(),
        c.removalReason());
  }

  /** The certificate with this fingerprint, live or removed. */
  Optional<SystemCertificate> find(String sha256) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM system_certificate WHERE sha256 = ?", ROW, sha256)
        .stream()
        .findFirst();
  }

  /** A system's certificates, live and removed, oldest first. */
  List<SystemCertificate> ofSystem(UUID systemId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM system_certificate WHERE system_id = ? ORDER BY added_at, sha256",
        ROW,
        systemId.toString());
  }

  /** A system's live certificates, oldest first. */
  List<SystemCertificate> liveOf(UUID systemId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM system_certificate WHERE system_id = ? AND removed_at IS NULL"
            + " ORDER BY added_at, sha256",
        ROW,
        systemId.toString());
  }

  /** Every live certificate of every system, oldest first. */
  List<SystemCertificate> allLive() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM system_certificate WHERE removed_at IS NULL ORDER BY added_at, sha256",
        ROW);
  }

  /** Marks a live certificate removed; answers whether it was live. */
  boolean remove(String sha256, Instant at, String by, String reason) {
    return jdbc.update(
            "UPDATE system_certificate SET removed_at = ?, removed_by = ?, removal_reason = ?"
                + " WHERE sha256 = ? AND removed_at IS NULL",
            ts(at),
            by,
            reason,
            sha256)
        == 1;
  }

  private static final RowMapper<SystemCertificate> ROW =
      (rs, i) ->
          new SystemCertificate(
              rs.getString("sha256"),
              UUID.fromString(rs.getString("system_id")),
              rs.getString("pem"),
              rs.getString("subject"),
              instant(rs, "not_before"),
              instant(rs, "not_after"),
              instant(rs, "added_at"),
              rs.getString("added_by"),
              instant(rs, "removed_at"),
              rs.getString("removed_by"),
              rs.getString("removal_reason"));
}
