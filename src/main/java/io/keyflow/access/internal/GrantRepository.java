package io.keyflow.access.internal;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;
import static io.keyflow.shared.Jdbc.uuid;

import io.keyflow.access.AccessOperation;
import io.keyflow.access.Grant;
import io.keyflow.access.GrantState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code key_access_grant} table. Holds no key material. */
@Repository
public class GrantRepository {

  private static final String COLUMNS =
      "g.id, g.system_id, g.system_name, g.key_id, g.key_alias, g.key_group, g.operations,"
          + " g.create_allowance, g.create_purpose, g.state, g.justification, g.requested_by,"
          + " g.requested_at, g.expires_at, g.approved_by, g.approved_at, g.request_seq,"
          + " g.approval_seq, g.ended_at, g.ended_by, g.end_reason, g.last_reviewed_at,"
          + " g.process_instance_id";

  private final JdbcTemplate jdbc;

  GrantRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Grant grant) {
    jdbc.update(
        "INSERT INTO key_access_grant (id, system_id, system_name, key_id, key_alias, key_group,"
            + " operations, create_allowance, create_purpose, state, justification, requested_by,"
            + " requested_at, expires_at, request_seq, process_instance_id)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        grant.id().toString(),
        grant.systemId().toString(),
        grant.system(),
        grant.keyId() == null ? null : grant.keyId().toString(),
        grant.keyAlias(),
        grant.keyGroup(),
        operations(grant.operations()),
        grant.createAllowance(),
        grant.createPurpose(),
        grant.state().name(),
        grant.justification(),
        grant.requestedBy(),
        ts(grant.requestedAt()),
        ts(grant.expiresAt()),
        grant.requestSeq(),
        grant.processInstanceId());
  }

  public Optional<Grant> find(UUID id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM key_access_grant g WHERE g.id = ?",
            this::row,
            id.toString())
        .stream()
        .findFirst();
  }

  /** The grant row locked until the transaction ends. */
  public Optional<Grant> lock(UUID id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM key_access_grant g WHERE g.id = ? FOR UPDATE",
            this::row,
            id.toString())
        .stream()
        .findFirst();
  }

  /** REQUESTED → ACTIVE; whether the row was REQUESTED. */
  public boolean activate(
      UUID id, Instant expiresAt, String approvedBy, Instant approvedAt, Long approvalSeq) {
    return jdbc.update(
            "UPDATE key_access_grant SET state = 'ACTIVE', expires_at = ?, approved_by = ?,"
                + " approved_at = ?, approval_seq = ? WHERE id = ? AND state = 'REQUESTED'",
            ts(expiresAt),
            approvedBy,
            ts(approvedAt),
            approvalSeq,
            id.toString())
        > 0;
  }

  /** Ends an open grant (REQUESTED or ACTIVE); whether it was open. */
  public boolean end(UUID id, GrantState state, Instant at, String by, String reason) {
    return jdbc.update(
            "UPDATE key_access_grant SET state = ?, ended_at = ?, ended_by = ?, end_reason = ?"
                + " WHERE id = ? AND state IN ('REQUESTED', 'ACTIVE')",
            state.name(),
            ts(at),
            by,
            reason,
            id.toString())
        > 0;
  }

  public void reviewed(List<UUID> ids, Instant at, String reviewId) {
    for (UUID id : ids) {
      jdbc.update(
          "UPDATE key_access_grant SET last_reviewed_at = ?, last_review_id = ? WHERE id = ?",
          ts(at),
          reviewId,
          id.toString());
    }
  }

  /**
   * The ACTIVE grants a system holds on a key, directly or through a group the key is in (expiry is
   * the caller's to compare, with the clock at the moment of use).
   */
  public List<Grant> activeFor(String system, UUID keyId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM key_access_grant g WHERE g.system_name = ? AND g.state = 'ACTIVE' AND (g.key_id = ?"
            + " OR g.key_group IN (SELECT m.group_name FROM key_group_member m WHERE m.key_id = ?))",
        this::row,
        system,
        keyId.toString(),
        keyId.toString());
  }

  /** Open grants of a system (REQUESTED or ACTIVE). */
  public List<Grant> openOfSystem(UUID systemId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM key_access_grant g WHERE g.system_id = ? AND g.state IN ('REQUESTED', 'ACTIVE')",
        this::row,
        systemId.toString());
  }

  /** Open grants naming a key directly. */
  public List<Grant> openOnKey(UUID keyId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM key_access_grant g WHERE g.key_id = ? AND g.state IN ('REQUESTED', 'ACTIVE')",
        this::row,
        keyId.toString());
  }

  /** Open grants on a key group. */
  public List<Grant> openOnGroup(String group) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM key_access_grant g WHERE g.key_group = ? AND g.state IN ('REQUESTED', 'ACTIVE')",
        this::row,
        group);
  }

  /** ACTIVE grants, by system and target. */
  public List<Grant> active() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM key_access_grant g WHERE g.state = 'ACTIVE'"
            + " ORDER BY g.system_name, g.key_alias, g.key_group",
        this::row);
  }

  /**
   * Grants by filter (each null: any), newest first.
   *
   * @param key a key alias: grants on the key directly or through a group it is in
   */
  public List<Grant> find(String system, String key, GrantState state, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM key_access_grant g WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (system != null) {
      sql.append(" AND g.system_name = ?");
      args.add(system);
    }
    if (key != null) {
      sql.append(
          " AND (g.key_alias = ? OR g.key_group IN (SELECT m.group_name FROM key_group_member m"
              + " JOIN managed_key k ON k.id = m.key_id WHERE k.alias = ?))");
      args.add(key);
      args.add(key);
    }
    if (state != null) {
      sql.append(" AND g.state = ?");
      args.add(state.name());
    }
    sql.append(" ORDER BY g.requested_at DESC LIMIT ").append(limit);
    return jdbc.query(sql.toString(), this::row, args.toArray());
  }

  /** How many grants are in each state. */
  public List<Object[]> countByState() {
    return jdbc.query(
        "SELECT state, COUNT(*) FROM key_access_grant GROUP BY state",
        (rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)});
  }

  private static String operations(List<AccessOperation> operations) {
    return operations.stream().map(AccessOperation::wireName).collect(Collectors.joining(","));
  }

  private Grant row(ResultSet rs, int i) throws SQLException {
    return new Grant(
        UUID.fromString(rs.getString(1)),
        UUID.fromString(rs.getString(2)),
        rs.getString(3),
        uuid(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        Arrays.stream(rs.getString(7).split(",")).map(AccessOperation::parse).toList(),
        rs.getObject(8, Integer.class),
        rs.getString(9),
        GrantState.valueOf(rs.getString(10)),
        rs.getString(11),
        rs.getString(12),
        instant(rs, 13),
        instant(rs, 14),
        rs.getString(15),
        instant(rs, 16),
        rs.getObject(17, Long.class),
        rs.getObject(18, Long.class),
        instant(rs, 19),
        rs.getString(20),
        rs.getString(21),
        instant(rs, 22),
        rs.getString(23));
  }
}
