package io.keyflow.custodian;

import io.keyflow.evidence.EngineFacts;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.CustodianAcknowledged;
import io.keyflow.ledger.details.RoleMembershipChanged;
import io.keyflow.security.Role;
import io.keyflow.shared.Sha256;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key custodians — the security officers and security engineering — and their written
 * acknowledgement of their responsibilities (PCI DSS 3.7.8).
 *
 * <p>Camunda has no event for "a user joined a group" and keeps no history of membership. So a
 * sweep (daily, and at start-up) compares the groups with the membership it saw last, writes each
 * change to the ledger ({@code ROLE_MEMBERSHIP_CHANGED}), and names the custodians who are due:
 * never acknowledged, or last acknowledged longer ago than the interval. Someone added and removed
 * between two sweeps is not seen; evidence packs say so.
 */
@Service
public class Custodians {

  /**
   * Groups whose membership is recorded: the custodians, and the auditors for the evidence pack.
   */
  static final List<Role> RECORDED =
      List.of(Role.SECURITY_OFFICER, Role.SECURITY_ENGINEERING, Role.AUDITOR);

  static final List<Role> CUSTODIAN_ROLES =
      List.of(Role.SECURITY_OFFICER, Role.SECURITY_ENGINEERING);

  private final EngineFacts engine;
  private final Ledger ledger;
  private final JdbcTemplate jdbc;
  private final CustodianSettings settings;
  private final Clock clock;

  Custodians(
      EngineFacts engine,
      Ledger ledger,
      JdbcTemplate jdbc,
      CustodianSettings settings,
      Clock clock) {
    this.engine = engine;
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  /** A custodian who should acknowledge now, with the custodian groups they hold. */
  public record Due(String custodian, List<String> groups) {}

  /** Records membership changes and returns the custodians due to acknowledge, sorted. */
  @Transactional
  public List<Due> sweep(String actor) {
    Instant now = clock.instant();
    Map<String, List<String>> groupsOf = new TreeMap<>();
    for (Role role : RECORDED) {
      List<String> members = engine.members(role.groupId());
      recordChanges(role.groupId(), members, now, actor);
      if (CUSTODIAN_ROLES.contains(role)) {
        members.forEach(
            m -> groupsOf.computeIfAbsent(m, x -> new ArrayList<>()).add(role.groupId()));
      }
    }
    List<Due> due = new ArrayList<>();
    groupsOf.forEach(
        (custodian, groups) -> {
          Optional<Instant> last = lastAcknowledged(custodian);
          if (last.isEmpty() || !last.get().plus(settings.acknowledgementInterval()).isAfter(now)) {
            due.add(new Due(custodian, groups));
          }
        });
    return due;
  }

  /** SHA-256 of the configured responsibilities text, recorded with each acknowledgement. */
  public String responsibilitiesSha256() {
    return Sha256.hex(settings.responsibilities());
  }

  /** Writes a custodian's acknowledgement of the responsibilities text with this digest. */
  @Transactional
  public LedgerEntry acknowledge(
      String custodian, String groups, String textSha256, String processInstanceId) {
    Instant now = clock.instant();
    LedgerEntry entry =
        ledger.append(
            LedgerEvent.builder(LedgerAction.CUSTODIAN_ACKNOWLEDGED, custodian)
                .processInstance(processInstanceId)
                .details(
                    new CustodianAcknowledged(
                        groups, textSha256, now.plus(settings.acknowledgementInterval())))
                .build());
    OffsetDateTime at = OffsetDateTime.ofInstant(entry.recordedAt(), ZoneOffset.UTC);
    if (jdbc.update(
            "UPDATE custodian_acknowledgement SET acknowledged_at = ?, text_sha256 = ?, ledger_seq = ?"
                + " WHERE custodian = ?",
            at,
            textSha256,
            entry.seq(),
            custodian)
        == 0) {
      jdbc.update(
          "INSERT INTO custodian_acknowledgement (custodian, acknowledged_at, text_sha256, ledger_seq)"
              + " VALUES (?,?,?,?)",
          custodian,
          at,
          textSha256,
          entry.seq());
    }
    return entry;
  }

  public Optional<Instant> lastAcknowledged(String custodian) {
    return jdbc
        .query(
            "SELECT acknowledged_at FROM custodian_acknowledgement WHERE custodian = ?",
            (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant(),
            custodian)
        .stream()
        .findFirst();
  }

  private void recordChanges(String group, List<String> members, Instant now, String actor) {
    TreeSet<String> known =
        new TreeSet<>(
            jdbc.queryForList(
                "SELECT member FROM custodian_role_member WHERE group_id = ?",
                String.class,
                group));
    TreeSet<String> added = new TreeSet<>(members);
    added.removeAll(known);
    TreeSet<String> removed = new TreeSet<>(known);
    removed.removeAll(members);
    if (added.isEmpty() && removed.isEmpty()) {
      return;
    }
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    added.forEach(
        m ->
            jdbc.update(
                "INSERT INTO custodian_role_member (group_id, member, seen_since) VALUES (?,?,?)",
                group,
                m,
                at));
    removed.forEach(
        m ->
            jdbc.update(
                "DELETE FROM custodian_role_member WHERE group_id = ? AND member = ?", group, m));
    ledger.append(
        LedgerEvent.builder(LedgerAction.ROLE_MEMBERSHIP_CHANGED, actor)
            .details(
                new RoleMembershipChanged(
                    group,
                    List.copyOf(added),
                    List.copyOf(removed),
                    List.copyOf(new TreeSet<>(members)),
                    known.isEmpty()))
            .build());
  }
}
