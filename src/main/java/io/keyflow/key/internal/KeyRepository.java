package io.keyflow.key.internal;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;
import static io.keyflow.shared.Jdbc.uuid;

import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.Provenance;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import io.keyflow.key.VersionCount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The key inventory tables, behind {@link io.keyflow.key.Keys} (and {@link
 * io.keyflow.key.KeyUsage}). Joins the caller's transaction; holds no key material.
 */
@Repository
public class KeyRepository {

  private static final String VERSION_COLUMNS =
      "id, key_id, version_number, state, vault_backend, hsm_label, hsm_key_id, kcv, cka_local,"
          + " cka_sensitive, cka_always_sensitive, cka_extractable, cka_never_extractable,"
          + " key_gen_mechanism, created_at, activated_at, protect_stop_at, deactivated_at,"
          + " retain_until, destroyed_at, compromised_at, requested_by, approved_by, process_instance_id";

  private static final String KEY_COLUMNS =
      "id, alias, purpose, algorithm, owner, exportable, encrypt_period_days, retention_days,"
          + " justification, primary_version_id, created_at, environment";

  private final JdbcTemplate jdbc;

  public KeyRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(ManagedKey key) {
    jdbc.update(
        "INSERT INTO managed_key (" + KEY_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        key.id().toString(),
        key.alias(),
        key.purpose().name(),
        key.algorithm().name(),
        key.owner(),
        key.exportable(),
        key.encryptPeriod().toDays(),
        key.retention().toDays(),
        key.justification(),
        key.primaryVersionId() == null ? null : key.primaryVersionId().toString(),
        ts(key.createdAt()),
        key.environment().name());
  }

  public void insert(KeyVersion v) {
    Provenance p = v.provenance();
    jdbc.update(
        "INSERT INTO key_version ("
            + VERSION_COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        v.id().toString(),
        v.keyId().toString(),
        v.number(),
        v.state().name(),
        v.vaultBackend(),
        v.hsmLabel(),
        v.hsmKeyId().toString(),
        v.kcv(),
        p.local(),
        p.sensitive(),
        p.alwaysSensitive(),
        p.extractable(),
        p.neverExtractable(),
        p.keyGenMechanism(),
        ts(v.createdAt()),
        ts(v.activatedAt()),
        ts(v.protectStopAt()),
        ts(v.deactivatedAt()),
        ts(v.retainUntil()),
        ts(v.destroyedAt()),
        ts(v.compromisedAt()),
        v.requestedBy(),
        v.approvedBy(),
        v.processInstanceId());
  }

  /** Writes a version's state and dates; the identity and provenance of a version never change. */
  public void updateState(KeyVersion v) {
    jdbc.update(
        "UPDATE key_version SET state = ?, deactivated_at = ?, retain_until = ?, destroyed_at = ?,"
            + " compromised_at = ? WHERE id = ?",
        v.state().name(),
        ts(v.deactivatedAt()),
        ts(v.retainUntil()),
        ts(v.destroyedAt()),
        ts(v.compromisedAt()),
        v.id().toString());
  }

  public void setPrimaryVersion(UUID keyId, UUID versionId) {
    jdbc.update(
        "UPDATE managed_key SET primary_version_id = ? WHERE id = ?",
        versionId.toString(),
        keyId.toString());
  }

  /**
   * Locks the key's row until the transaction ends, so two lifecycle steps on one key (on one node
   * or several) run one after the other.
   */
  public Optional<ManagedKey> lock(UUID keyId) {
    return jdbc
        .query(
            "SELECT " + KEY_COLUMNS + " FROM managed_key WHERE id = ? FOR UPDATE",
            KEY_ROW,
            keyId.toString())
        .stream()
        .findFirst();
  }

  public Optional<ManagedKey> findByAlias(String alias) {
    return jdbc
        .query("SELECT " + KEY_COLUMNS + " FROM managed_key WHERE alias = ?", KEY_ROW, alias)
        .stream()
        .findFirst();
  }

  /**
   * The key with this alias and, read in the same statement, its version {@code number}, or its
   * primary version when {@code number} is null: the one read of the inventory on every use of a
   * key (the crypto API's encrypt and decrypt). The version is null when there is no such version.
   */
  public Optional<KeyAndVersion> findWithVersion(String alias, Integer number) {
    String join =
        number == null ? "v.id = k.primary_version_id" : "v.key_id = k.id AND v.version_number = ?";
    String sql =
        "SELECT "
            + qualified("k.", KEY_COLUMNS)
            + ", "
            + prefixed(VERSION_COLUMNS)
            + " FROM managed_key k LEFT JOIN key_version v ON "
            + join
            + " WHERE k.alias = ?";
    Object[] args = number == null ? new Object[] {alias} : new Object[] {number, alias};
    return jdbc
        .query(
            sql,
            (rs, i) ->
                new KeyAndVersion(
                    KEY_ROW.mapRow(rs, i),
                    rs.getString(VERSION_PREFIX + "id") == null
                        ? null
                        : version(rs, VERSION_PREFIX)),
            args)
        .stream()
        .findFirst();
  }

  /** A key and one of its versions (null when the version asked for does not exist). */
  public record KeyAndVersion(ManagedKey key, KeyVersion version) {}

  public Optional<ManagedKey> findById(UUID id) {
    return jdbc
        .query("SELECT " + KEY_COLUMNS + " FROM managed_key WHERE id = ?", KEY_ROW, id.toString())
        .stream()
        .findFirst();
  }

  public List<ManagedKey> findAll() {
    return jdbc.query("SELECT " + KEY_COLUMNS + " FROM managed_key ORDER BY alias", KEY_ROW);
  }

  /**
   * Every version of every key, ordered by key and version number, handed to {@code each} one at a
   * time as the rows are read (for reports over the whole inventory).
   */
  public void forEachVersion(java.util.function.Consumer<KeyVersion> each) {
    jdbc.query(
        "SELECT " + VERSION_COLUMNS + " FROM key_version ORDER BY key_id, version_number",
        (org.springframework.jdbc.core.RowCallbackHandler)
            rs -> each.accept(VERSION_ROW.mapRow(rs, 0)));
  }

  public List<KeyVersion> versions(UUID keyId) {
    return jdbc.query(
        "SELECT " + VERSION_COLUMNS + " FROM key_version WHERE key_id = ? ORDER BY version_number",
        VERSION_ROW,
        keyId.toString());
  }

  public Optional<KeyVersion> findVersion(UUID versionId) {
    return jdbc
        .query(
            "SELECT " + VERSION_COLUMNS + " FROM key_version WHERE id = ?",
            VERSION_ROW,
            versionId.toString())
        .stream()
        .findFirst();
  }

  /** Version {@code number} of a key, if it exists. */
  public Optional<KeyVersion> findVersion(UUID keyId, int number) {
    return jdbc
        .query(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM key_version WHERE key_id = ? AND version_number = ?",
            VERSION_ROW,
            keyId.toString(),
            number)
        .stream()
        .findFirst();
  }

  /**
   * Keys whose primary version is ACTIVE and stops protecting (protect-stop) at or before {@code
   * cutoff}, soonest first: with {@code cutoff = now} the keys overdue for rotation, with {@code
   * now + lead time} the keys a rotation sweep should start on.
   */
  public List<ManagedKey> keysWithPrimaryProtectStopBy(Instant cutoff) {
    return jdbc.query(
        "SELECT "
            + qualified("k.", KEY_COLUMNS)
            + " FROM managed_key k JOIN key_version v ON v.id = k.primary_version_id"
            + " WHERE v.state = ? AND v.protect_stop_at <= ? ORDER BY v.protect_stop_at, k.alias",
        KEY_ROW,
        KeyState.ACTIVE.name(),
        ts(cutoff));
  }

  /**
   * DEACTIVATED versions whose retention ended at or before {@code cutoff}, oldest retention first.
   */
  public List<KeyVersion> versionsRetainedUntilBy(Instant cutoff) {
    return jdbc.query(
        "SELECT "
            + VERSION_COLUMNS
            + " FROM key_version WHERE state = ? AND retain_until <= ?"
            + " ORDER BY retain_until, id",
        VERSION_ROW,
        KeyState.DEACTIVATED.name(),
        ts(cutoff));
  }

  /** Versions in one of the given states, oldest first. */
  public List<KeyVersion> versionsInState(KeyState... states) {
    String marks = String.join(",", java.util.Collections.nCopies(states.length, "?"));
    Object[] names = java.util.Arrays.stream(states).map(Enum::name).toArray();
    return jdbc.query(
        "SELECT "
            + VERSION_COLUMNS
            + " FROM key_version WHERE state IN ("
            + marks
            + ") ORDER BY created_at, id",
        VERSION_ROW,
        names);
  }

  /** How many key versions are in each state, per purpose and environment (for the metrics). */
  public List<VersionCount> versionCounts() {
    return jdbc.query(
        "SELECT v.state, k.purpose, k.environment, COUNT(*) FROM key_version v JOIN managed_key k ON k.id = v.key_id"
            + " GROUP BY v.state, k.purpose, k.environment",
        (rs, i) ->
            new VersionCount(
                KeyState.valueOf(rs.getString(1)),
                KeyPurpose.valueOf(rs.getString(2)),
                Environment.valueOf(rs.getString(3)),
                rs.getLong(4)));
  }

  private static final RowMapper<ManagedKey> KEY_ROW =
      (rs, i) ->
          new ManagedKey(
              UUID.fromString(rs.getString("id")),
              rs.getString("alias"),
              KeyPurpose.valueOf(rs.getString("purpose")),
              KeyAlgorithm.valueOf(rs.getString("algorithm")),
              rs.getString("owner"),
              rs.getBoolean("exportable"),
              Duration.ofDays(rs.getInt("encrypt_period_days")),
              Duration.ofDays(rs.getInt("retention_days")),
              rs.getString("justification"),
              uuid(rs.getString("primary_version_id")),
              instant(rs, "created_at"),
              Environment.valueOf(rs.getString("environment")));

  private static final RowMapper<KeyVersion> VERSION_ROW = (rs, i) -> version(rs, "");

  /**
   * Version columns are read under their own names, or prefixed where a join selects them beside a
   * key's.
   */
  private static final String VERSION_PREFIX = "v_";

  private static KeyVersion version(ResultSet rs, String prefix) throws SQLException {
    return new KeyVersion(
        UUID.fromString(rs.getString(prefix + "id")),
        UUID.fromString(rs.getString(prefix + "key_id")),
        rs.getInt(prefix + "version_number"),
        KeyState.valueOf(rs.getString(prefix + "state")),
        rs.getString(prefix + "vault_backend"),
        rs.getString(prefix + "hsm_label"),
        UUID.fromString(rs.getString(prefix + "hsm_key_id")),
        rs.getString(prefix + "kcv"),
        new Provenance(
            rs.getBoolean(prefix + "cka_local"),
            rs.getBoolean(prefix + "cka_sensitive"),
            rs.getBoolean(prefix + "cka_always_sensitive"),
            rs.getBoolean(prefix + "cka_extractable"),
            rs.getBoolean(prefix + "cka_never_extractable"),
            rs.getString(prefix + "key_gen_mechanism")),
        instant(rs, prefix + "created_at"),
        instant(rs, prefix + "activated_at"),
        instant(rs, prefix + "protect_stop_at"),
        instant(rs, prefix + "deactivated_at"),
        instant(rs, prefix + "retain_until"),
        instant(rs, prefix + "destroyed_at"),
        instant(rs, prefix + "compromised_at"),
        rs.getString(prefix + "requested_by"),
        rs.getString(prefix + "approved_by"),
        rs.getString(prefix + "process_instance_id"));
  }

  /** The version columns of {@code v}, each labelled with {@link #VERSION_PREFIX}. */
  private static String prefixed(String columns) {
    return java.util.Arrays.stream(columns.split(","))
        .map(column -> "v." + column.strip() + " AS " + VERSION_PREFIX + column.strip())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static String qualified(String prefix, String columns) {
    return java.util.Arrays.stream(columns.split(","))
        .map(column -> prefix + column.strip())
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
