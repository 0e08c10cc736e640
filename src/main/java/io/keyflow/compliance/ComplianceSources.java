package io.keyflow.compliance;

import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerCheckpoints;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerQuery;
import io.keyflow.ledger.LedgerVerification;
import io.keyflow.security.Role;
import io.keyflow.security.RoleReview;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads the inventory, the ledger's verification and the officer group into a {@link
 * ComplianceSnapshot}, and the ledger's entries page by page.
 */
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

  /** Everything but the ledger's entries, for every key, with the ledger verified now. */
  ComplianceSnapshot snapshot() {
    return snapshot(null, ledger.verify(), checkpoints.verify());
  }

  /**
   * Everything but the ledger's entries, with the ledger's verification as the caller made it.
   *
   * @param alias the one key whose inventory to read, or null for every key
   */
  ComplianceSnapshot snapshot(
      String alias, LedgerVerification chain, CheckpointVerification signed) {
    return new ComplianceSnapshot(
        clock.instant(),
        alias == null ? keys() : keys(alias),
        chain,
        signed,
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

  private List<KeyRecord> keys(String alias) {
    return keys.findByAlias(alias).stream()
        .map(
            key ->
                new KeyRecord(
                    key,
                    keys.versions(key.id()).stream()
                        .sorted((a, b) -> Integer.compare(a.number(), b.number()))
                        .toList()))
        .toList();
  }

  /** Every ledger entry from a sequence on, parsed. */
  List<LedgerFact> ledgerFrom(long seq) {
    List<LedgerFact> all = new ArrayList<>();
    read(seq, entry -> all.add(LedgerFact.of(entry)));
    return all;
  }

  /**
   * The one reader of the ledger for compliance and evidence: hands every entry from a sequence on
   * to {@code reader}, in sequence order, holding one page in memory at a time.
   */
  void read(long fromSeq, Consumer<LedgerEntry> reader) {
    LedgerQuery query = LedgerQuery.all(LedgerQuery.MAX_LIMIT).from(fromSeq);
    List<LedgerEntry> page = ledger.entries(query);
    page.forEach(reader);
    while (page.size() == query.limit()) {
      page = ledger.entries(query.from(page.get(page.size() - 1).seq() + 1));
      page.forEach(reader);
    }
  }
}
