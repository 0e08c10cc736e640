package io.keyflow.compliance;

import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerQuery;
import io.keyflow.security.Role;
import io.keyflow.security.RoleReview;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads the inventory, the ledger and the officer group into a {@link ComplianceSnapshot}. */
@Component
class ComplianceSources {

  private final Keys keys;
  private final Ledger ledger;
  private final LedgerCheckpoints checkpoints;
  private final RoleReview roles;
  private final Clock clock;

  ComplianceSources(
      Keys keys, Ledger ledger, LedgerCheckpoints checkpoints, RoleReview roles, Clock clock) {
    this.keys = keys;
    this.ledger = ledger;
    this.checkpoints = checkpoints;
    this.roles = roles;
    this.clock = clock;
  }

  ComplianceSnapshot snapshot() {
    return new ComplianceSnapshot(
        clock.instant(),
        keys(),
        ledger().stream().map(LedgerFact::of).toList(),
        ledger.verify(),
        checkpoints.verify(),
        checkpoints.all(),
        Set.copyOf(roles.members(Role.SECURITY_OFFICER)));
  }

  /** Every key with its versions, by alias. */
  List<KeyRecord> keys() {
    Map<UUID, List<KeyVersion>> versions =
        keys.versionsInState(KeyState.values()).stream()
            .collect(Collectors.groupingBy(KeyVersion::keyId));
    return keys.findAll().stream()
        .map(
            key ->
                new KeyRecord(
                    key,
                    versions.getOrDefault(key.id(), List.of()).stream()
                        .sorted((a, b) -> Integer.compare(a.number(), b.number()))
                        .toList()))
        .toList();
  }

  /** Every ledger entry from a sequence on, parsed. */
  List<LedgerFact> ledgerFrom(long seq) {
    return ledger(seq).stream().map(LedgerFact::of).toList();
  }

  private List<LedgerEntry> ledger() {
    return ledger(1);
  }

  private List<LedgerEntry> ledger(long fromSeq) {
    List<LedgerEntry> all = new ArrayList<>();
    LedgerQuery query = LedgerQuery.all(LedgerQuery.MAX_LIMIT).from(fromSeq);
    List<LedgerEntry> page = ledger.entries(query);
    all.addAll(page);
    while (page.size() == query.limit()) {
      page = ledger.entries(query.from(page.get(page.size() - 1).seq() + 1));
      all.addAll(page);
    }
    return all;
  }
}
