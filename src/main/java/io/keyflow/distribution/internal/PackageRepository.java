package io.keyflow.distribution.internal;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;
import static io.keyflow.shared.Jdbc.uuid;

import io.keyflow.distribution.DistributionPackage;
import io.keyflow.distribution.PackageState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code distribution_package} table. Joins the caller's transaction. */
@Repository
public class PackageRepository {

  private static final String COLUMNS =
      "id, key_id, key_alias, version_id, version_number, algorithm, kcv, recipient_id, recipient_name, mechanism,"
          + " oaep_hash, oaep_mgf, wrapping_key_sha256, kek_alias, kek_version_id, kek_kcv, wrapped_key, state,"
          + " created_at, expires_at, picked_up_at, tls_protocol, tls_cipher_suite, peer_certificate_sha256,"
          + " expired_at, requested_by, approved_by, process_instance_id";

  private final JdbcTemplate jdbc;

  PackageRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(DistributionPackage p) {
    jdbc.update(
        "INSERT INTO distribution_package ("
            + COLUMNS
            + ") VALUES"
            + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        p.id().toString(),
        p.keyId().toString(),
        p.keyAlias(),
        p.versionId().toString(),
        p.versionNumber(),
        p.algorithm(),
        p.kcv(),
        p.recipientId().toString(),
        p.recipientName(),
        p.mechanism(),
        p.oaepHash(),
        p.oaepMgf(),
        p.wrappingKeySha256(),
        p.kekAlias(),
        text(p.kekVersionId()),
        p.kekKcv(),
        p.wrappedKey(),
        p.state().name(),
        ts(p.createdAt()),
        ts(p.expiresAt()),
        ts(p.pickedUpAt()),
        p.tlsProtocol(),
        p.tlsCipherSuite(),
        p.peerCertificateSha256(),
        ts(p.expiredAt()),
        p.requestedBy(),
        p.approvedBy(),
        p.processInstanceId());
  }

  /** Records the pickup receipt and erases the wrapped bytes. */
  public void markPickedUp(
      UUID id, Instant at, String protocol, String cipherSuite, String peerSha256) {
    jdbc.update(
        "UPDATE distribution_package SET state = ?, wrapped_key = NULL, picked_up_at = ?, tls_protocol = ?,"
            + " tls_cipher_suite = ?, peer_certificate_sha256 = ? WHERE id = ?",
        PackageState.PICKED_UP.name(),
        ts(at),
        protocol,
        cipherSuite,
        peerSha256,
        id.toString());
  }

  /** Marks the package expired and erases the wrapped bytes. */
  public void markExpired(UUID id, Instant at) {
    jdbc.update(
        "UPDATE distribution_package SET state = ?, wrapped_key = NULL, expired_at = ? WHERE id = ?",
        PackageState.EXPIRED.name(),
        ts(at),
        id.toString());
  }

  /**
   * Marks the package withdrawn (its version was reported compromised) and erases the wrapped
   * bytes.
   */
  public void markWithdrawn(UUID id, Instant at) {
    jdbc.update(
        "UPDATE distribution_package SET state = ?, wrapped_key = NULL, expired_at = ? WHERE id = ? AND state = ?",
        PackageState.WITHDRAWN.name(),
        ts(at),
        id.toString(),
        PackageState.HELD.name());
  }

  /** Packages of the version still held for pickup. */
  public List<DistributionPackage> heldOf(UUID versionId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM distribution_package WHERE version_id = ? AND state = ? ORDER BY created_at, id",
        ROW,
        versionId.toString(),
        PackageState.HELD.name());
  }

  public Optional<DistributionPackage> find(UUID id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM distribution_package WHERE id = ?", ROW, id.toString())
        .stream()
        .findFirst();
  }

  /** The package row, locked until the transaction ends: pickup and expiry never both succeed. */
  public Optional<DistributionPackage> lock(UUID id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM distribution_package WHERE id = ? FOR UPDATE",
            ROW,
            id.toString())
        .stream()
        .findFirst();
  }

  /**
   * The packages still waiting for one recipient: state HELD and not yet past their expiry (the
   * expiry job may not have run yet), soonest expiry first. Any other state — picked up, expired,
   * or one added later — is never listed.
   */
  List<DistributionPackage> heldFor(UUID recipientId, Instant now, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM distribution_package WHERE recipient_id = ? AND state = ? AND expires_at > ?"
            + " ORDER BY expires_at, id LIMIT ?",
        ROW,
        recipientId.toString(),
        PackageState.HELD.name(),
        ts(now),
        limit);
  }

  /** Packages, newest first, optionally of one key alias and/or one recipient. */
  public List<DistributionPackage> find(String alias, String recipient, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM distribution_package WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (alias != null) {
      sql.append(" AND key_alias = ?");
      args.add(alias);
    }
    if (recipient != null) {
      sql.append(" AND recipient_name = ?");
      args.add(recipient);
    }
    sql.append(" ORDER BY created_at DESC, id LIMIT ?");
    args.add(limit);
    return jdbc.query(sql.toString(), ROW, args.toArray());
  }

  private static final RowMapper<DistributionPackage> ROW =
      (rs, i) ->
          new DistributionPackage(
              UUID.fromString(rs.getString("id")),
              UUID.fromString(rs.getString("key_id")),
              rs.getString("key_alias"),
              UUID.fromString(rs.getString("version_id")),
              rs.getInt("version_number"),
              rs.getString("algorithm"),
              rs.getString("kcv"),
              UUID.fromString(rs.getString("recipient_id")),
              rs.getString("recipient_name"),
              rs.getString("mechanism"),
              rs.getString("oaep_hash"),
              rs.getString("oaep_mgf"),
              rs.getString("wrapping_key_sha256"),
              rs.getString("kek_alias"),
              uuid(rs.getString("kek_version_id")),
              rs.getString("kek_kcv"),
              rs.getString("wrapped_key"),
              PackageState.valueOf(rs.getString("state")),
              instant(rs, "created_at"),
              instant(rs, "expires_at"),
              instant(rs, "picked_up_at"),
              rs.getString("tls_protocol"),
              rs.getString("tls_cipher_suite"),
              rs.getString("peer_certificate_sha256"),
              instant(rs, "expired_at"),
              rs.getString("requested_by"),
              rs.getString("approved_by"),
              rs.getString("process_instance_id"));

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
