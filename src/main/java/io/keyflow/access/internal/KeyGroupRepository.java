package io.keyflow.access.internal;

import static io.keyflow.shared.Jdbc.instant;
import static io.keyflow.shared.Jdbc.ts;

import io.keyflow.access.KeyGroup;
import io.keyflow.key.Environment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code key_group} and {@code key_group_member} tables. */
@Repository
public class KeyGroupRepository {

  private final JdbcTemplate jdbc;

  KeyGroupRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(KeyGroup group) {
    jdbc.update(
        "INSERT INTO key_group (name, environment, description, created_at, created_by) VALUES (?,?,?,?,?)",
        group.name(),
        group.environment().name(),
        group.description(),
        ts(group.createdAt()),
        group.createdBy());
  }

  public Optional<KeyGroup> find(String name) {
    return jdbc
        .query(
            "SELECT name, environment, description, created_at, created_by FROM key_group WHERE name = ?",
            (rs, i) ->
                new KeyGroup(
                    rs.getString(1),
                    Environment.valueOf(rs.getString(2)),
                    rs.getString(3),
                    instant(rs, 4),
                    rs.getString(5),
                    members(rs.getString(1))),
            name)
        .stream()
        .findFirst();
  }

  /** The group row locked until the transaction ends. */
  public boolean lock(String name) {
    return !jdbc.queryForList(
            "SELECT name FROM key_group WHERE name = ? FOR UPDATE", String.class, name)
        .isEmpty();
  }

  public List<KeyGroup> all() {
    return jdbc.queryForList("SELECT name FROM key_group ORDER BY name", String.class).stream()
        .map(name -> find(name).orElseThrow())
        .toList();
  }

  public List<String> members(String group) {
    return jdbc.queryForList(
        "SELECT k.alias FROM key_group_member m JOIN managed_key k ON k.id = m.key_id"
            + " WHERE m.group_name = ? ORDER BY k.alias",
        String.class,
        group);
  }

  public List<UUID> memberIds(String group) {
    return jdbc
        .queryForList(
            "SELECT key_id FROM key_group_member WHERE group_name = ?", String.class, group)
        .stream()
        .map(UUID::fromString)
        .toList();
  }

  public boolean isMember(String group, UUID keyId) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM key_group_member WHERE group_name = ? AND key_id = ?",
            Integer.class,
            group,
            keyId.toString());
    return n != null && n > 0;
  }

  public void add(String group, UUID keyId, Instant at, String by) {
    jdbc.update(
        "INSERT INTO key_group_member (group_name, key_id, added_at, added_by) VALUES (?,?,?,?)",
        group,
        keyId.toString(),
        ts(at),
        by);
  }

  public boolean remove(String group, UUID keyId) {
    return jdbc.update(
            "DELETE FROM key_group_member WHERE group_name = ? AND key_id = ?",
            group,
            keyId.toString())
        > 0;
  }
}
