package io.keyflow.hsm.software;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads and writes {@code software_vault_key} rows; binary columns are base64 text. */
final class SoftwareKeyStore {

  private static final String COLUMNS =
      "id, label, algorithm, exportable, material_iv, material, public_key, kcv, role";
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final JdbcTemplate jdbc;

  SoftwareKeyStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<StoredKey> find(UUID id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM software_vault_key WHERE id = ?",
            SoftwareKeyStore::map,
            id.toString())
        .stream()
        .findFirst();
  }

  List<StoredKey> all() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM software_vault_key ORDER BY created_at, id",
        SoftwareKeyStore::map);
  }

  /** Inserts a new key; a concurrent insert of the same id fails with DuplicateKeyException. */
  void insert(StoredKey key) {
    jdbc.update(
        "INSERT INTO software_vault_key ("
            + COLUMNS
            + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key.id().toString(),
        key.label(),
        key.algorithm().name(),
        key.exportable(),
        B64.encodeToString(key.iv()),
        B64.encodeToString(key.material()),
        key.publicKey() == null ? null : B64.encodeToString(key.publicKey()),
        key.kcv(),
        key.role() == null ? null : key.role().name(),
        OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** Deletes the row and with it the only copy of the sealed material. */
  boolean delete(UUID id) {
    return jdbc.update("DELETE FROM software_vault_key WHERE id = ?", id.toString()) > 0;
  }

  private static StoredKey map(ResultSet rs, int row) throws SQLException {
    String publicKey = rs.getString("public_key");
    String role = rs.getString("role");
    return new StoredKey(
        UUID.fromString(rs.getString("id")),
        rs.getString("label"),
        KeyAlgorithm.valueOf(rs.getString("algorithm")),
        rs.getBoolean("exportable"),
        B64D.decode(rs.getString("material_iv")),
        B64D.decode(rs.getString("material")),
        publicKey == null ? null : B64D.decode(publicKey),
        rs.getString("kcv"),
        role == null ? null : KeyRole.valueOf(role));
  }
}
