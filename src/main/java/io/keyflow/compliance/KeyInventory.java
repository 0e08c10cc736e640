package io.keyflow.compliance;

import io.keyflow.distribution.RecipientHoldings;
import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * The key inventory as a reviewer filters and sorts it: one row per key, by its primary version.
 */
@Service
class KeyInventory {

  private final ComplianceSources sources;
  private final RecipientHoldings holdings;
  private final Clock clock;

  KeyInventory(ComplianceSources sources, RecipientHoldings holdings, Clock clock) {
    this.sources = sources;
    this.holdings = holdings;
    this.clock = clock;
  }

  public InventoryPage page(InventoryQuery query) {
    Instant now = clock.instant();
    List<KeyRecord> matching =
        sources.keys().stream().filter(matches(query, now)).sorted(order(query)).toList();
    List<InventoryRow> rows =
        matching.stream()
            .skip((long) query.page() * query.size())
            .limit(query.size())
            .map(record -> row(record, now))
            .toList();
    return new InventoryPage(rows, query.page(), query.size(), matching.size());
  }

  private InventoryRow row(KeyRecord record, Instant now) {
    KeyVersion primary = record.primary().orElse(null);
    List<String> holders =
        holdings.holdings(record.key().id()).stream()
            .map(
                h ->
                    h.recipient()
                        + " (v"
                        + h.versionNumber()
                        + (h.recipientRevoked() ? ", revoked" : "")
                        + ")")
            .distinct()
            .toList();
    Instant stop = primary == null ? null : primary.protectStopAt();
    return new InventoryRow(
        record.key().alias(),
        record.key().purpose().name(),
        Algorithms.name(record.key().algorithm()),
        record.key().environment().name(),
        primary == null ? null : primary.number(),
        primary == null ? null : primary.state().name(),
        stop,
        stop == null ? null : Math.floorDiv(Duration.between(now, stop).toHours(), 24),
        overdue(record, now),
        record.versions().size(),
        holders);
  }

  static boolean overdue(KeyRecord record, Instant now) {
    return record
        .primary()
        .filter(
            v ->
                v.state() == KeyState.ACTIVE
                    && v.protectStopAt() != null
                    && !v.protectStopAt().isAfter(now))
        .isPresent();
  }

  private static Predicate<KeyRecord> matches(InventoryQuery q, Instant now) {
    return record ->
        (q.purpose() == null || record.key().purpose() == q.purpose())
            && (q.environment() == null || record.key().environment() == q.environment())
            && (q.state() == null
                || record.primary().map(v -> v.state() == q.state()).orElse(false))
            && (q.overdue() == null || overdue(record, now) == q.overdue());
  }

  private static Comparator<KeyRecord> order(InventoryQuery q) {
    Comparator<KeyRecord> byAlias = Comparator.comparing(r -> r.key().alias());
    Comparator<KeyRecord> column =
        switch (q.sort()) {
          case ALIAS -> byAlias;
          case PURPOSE ->
              Comparator.comparing((KeyRecord r) -> r.key().purpose().name())
                  .thenComparing(byAlias);
          case ENVIRONMENT ->
              Comparator.comparing((KeyRecord r) -> r.key().environment().name())
                  .thenComparing(byAlias);
          case STATE ->
              Comparator.comparing(
                      (KeyRecord r) -> r.primary().map(v -> v.state().name()).orElse(""))
                  .thenComparing(byAlias);
          case PROTECT_STOP ->
              Comparator.comparing(
                      (KeyRecord r) -> r.primary().map(KeyVersion::protectStopAt).orElse(null),
                      Comparator.nullsLast(Comparator.naturalOrder()))
                  .thenComparing(byAlias);
        };
    return q.descending() ? column.reversed() : column;
  }
}
