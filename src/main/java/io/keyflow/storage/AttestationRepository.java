package io.keyflow.storage;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code storage_attestation} table. Joins the caller's transaction. */
@Repository
class AttestationRepository {

  private static final String COLUMNS =
      "id, process_instance_id, requested_by, vault_backend, reconciled_at, findings, findings_sha256, finding_count,"
          + " drift_count, attested_by, attested_at, attestation_comment";

  private final JdbcTemplate jdbc;

  AttestationRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StorageAttestation a) {
    jdbc.update(
        "INSERT INTO storage_attestation (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        a.id().toString(),
        a.processInstanceId(),
        a.requestedBy(),
        a.vaultBackend(),
        ts(a.reconciledAt()),
        a.findingsJson(),
        a.findingsSha256(),
        a.findingCount(),
        a.driftCount(),
        a.attestedBy(),
        ts(a.attestedAt()),
        a.comment());
  }

  void attest(UUID id, String officer, Instant at, String comment) {
    jdbc.update(
        "UPDATE storage_attestation SET attested_by = ?, attested_at = ?, attestation_comment = ? WHERE id = ?",
        officer,
        ts(at),
        comment,
        id.toString());
  }

  Optional<StorageAttestation> find(UUID id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM storage_attestation WHERE id = ?", ROW, id.toString())
        .stream()
        .findFirst();
  }

  Optional<StorageAttestation> lock(UUID id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM storage_attestation WHERE id = ? FOR UPDATE",
            ROW,
            id.toString())
        .stream()
        .findFirst();
  }

  List<StorageAttestation> recent(int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM storage_attestation ORDER BY reconciled_at DESC, id LIMIT ?",
        ROW,
        limit);
  }

  private static final RowMapper<StorageAttestation> ROW =
      (rs, i) ->
          new StorageAttestation(
              UUID.fromString(rs.getString("id")),
              rs.getString("process_instance_id"),
              rs.getString("requested_by"),
              rs.getString("vault_backend"),
              instant(rs, "reconciled_at"),
              rs.getString("findings"),
              rs.getString("findings_sha256"),
              rs.getInt("finding_count"),
              rs.getInt("drift_count"),
              rs.getString("attested_by"),
              instant(rs, "attested_at"),
              rs.getString("attestation_comment"));
}
