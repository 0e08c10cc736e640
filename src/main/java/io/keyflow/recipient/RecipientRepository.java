package io.keyflow.recipient;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;

import io.keyflow.key.Environment;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code recipient} table. Joins the caller's transaction. */
@Repository
class RecipientRepository {

  private static final String COLUMNS =
      "id, name, environment, certificate_pem, certificate_sha256, certificate_subject, certificate_not_before,"
          + " certificate_not_after, wrapping_key_pem, wrapping_key_bits, wrapping_key_sha256, kek_alias, state,"
          + " registered_at, registered_by, updated_at, updated_by, revoked_at, revoked_by, revocation_reason, webhook_url, owner, description";

  private final JdbcTemplate jdbc;

  RecipientRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Recipient r) {
    jdbc.update(
        "INSERT INTO recipient ("
            + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        r.id().toString(),
        r.name(),
        r.environment().name(),
        r.certificatePem(),
        r.certificateSha256(),
        r.certificateSubject(),
        ts(r.certificateNotBefore()),
        ts(r.certificateNotAfter()),
        r.wrappingKeyPem(),
        r.wrappingKeyBits(),
        r.wrappingKeySha256(),
        r.kekAlias(),
        r.state().name(),
        ts(r.registeredAt()),
        r.registeredBy(),
        ts(r.updatedAt()),
        r.updatedBy(),
        ts(r.revokedAt()),
        r.revokedBy(),
        r.revocationReason(),
        r.webhookUrl(),
        r.owner(),
        r.description());
  }

  /** Writes everything but the identity and the registration. */
  void update(Recipient r) {
    jdbc.update(
        "UPDATE recipient SET certificate_pem = ?, certificate_sha256 = ?, certificate_subject = ?,"
            + " certificate_not_before = ?, certificate_not_after = ?, wrapping_key_pem = ?, wrapping_key_bits = ?,"
            + " wrapping_key_sha256 = ?, kek_alias = ?, state = ?, updated_at = ?, updated_by = ?, revoked_at = ?,"
            + " revoked_by = ?, revocation_reason = ?, webhook_url = ?, owner = ?, description = ? WHERE id = ?",
        r.certificatePem(),
        r.certificateSha256(),
        r.certificateSubject(),
        ts(r.certificateNotBefore()),
        ts(r.certificateNotAfter()),
        r.wrappingKeyPem(),
        r.wrappingKeyBits(),
        r.wrappingKeySha256(),
        r.kekAlias(),
        r.state().name(),
        ts(r.updatedAt()),
        r.updatedBy(),
        ts(r.revokedAt()),
        r.revokedBy(),
        r.revocationReason(),
        r.webhookUrl(),
        r.owner(),
        r.description(),
        r.id().toString());
  }

  Optional<Recipient> findByName(String name) {
    return jdbc.query("SELECT " + COLUMNS + " FROM recipient WHERE name = ?", ROW, name).stream()
        .findFirst();
  }

  /** The recipient row, locked until the transaction ends. */
  Optional<Recipient> lockByName(String name) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM recipient WHERE name = ? FOR UPDATE", ROW, name)
        .stream()
        .findFirst();
  }

  Optional<Recipient> findById(UUID id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM recipient WHERE id = ?", ROW, id.toString())
        .stream()
        .findFirst();
  }

  Optional<Recipient> findByCertificate(String sha256) {
    return jdbc
        .query(
            "SELECT "
                + COLUMNS
                + " FROM recipient WHERE id = (SELECT system_id FROM system_certificate"
                + " WHERE sha256 = ? AND removed_at IS NULL)",
            ROW,
            sha256)
        .stream()
        .findFirst();
  }

  List<Recipient> findAll() {
    return jdbc.query("SELECT " + COLUMNS + " FROM recipient ORDER BY name", ROW);
  }

  private static final RowMapper<Recipient> ROW =
      (rs, i) ->
          new Recipient(
              UUID.fromString(rs.getString("id")),
              rs.getString("name"),
              Environment.valueOf(rs.getString("environment")),
              rs.getString("certificate_pem"),
              rs.getString("certificate_sha256"),
              rs.getString("certificate_subject"),
              instant(rs, "certificate_not_before"),
              instant(rs, "certificate_not_after"),
              rs.getString("wrapping_key_pem"),
              (Integer) rs.getObject("wrapping_key_bits", Integer.class),
              rs.getString("wrapping_key_sha256"),
              rs.getString("kek_alias"),
              RecipientState.valueOf(rs.getString("state")),
              instant(rs, "registered_at"),
              rs.getString("registered_by"),
              instant(rs, "updated_at"),
              rs.getString("updated_by"),
              instant(rs, "revoked_at"),
              rs.getString("revoked_by"),
              rs.getString("revocation_reason"),
              rs.getString("webhook_url"),
              rs.getString("owner"),
              rs.getString("description"));
}
