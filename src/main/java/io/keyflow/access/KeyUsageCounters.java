package io.keyflow.access;

import io.keyflow.access.internal.UsageRepository;
import io.keyflow.access.internal.UsageRepository.Delta;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyUseRefused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Usage counts per system, key and operation (uses, refusals, first and last use), accumulated in
 * memory and added to {@code key_usage} in one batch every {@code
 * keyflow.access.usage-flush-interval} (5 s) and at shutdown — never one row per call. A crash
 * loses at most the counts since the last flush; the grant check itself never depends on them.
 *
 * <p>Refused uses also go to the ledger, aggregated per system, key, operation and minute: one
 * {@code KEY_USE_REFUSED} entry with the count, written by the first flush after the minute ended,
 * so a flood of refused calls writes one entry a minute, not one a call. Refusals for a key that
 * does not exist are only counted in the metric (an unknown alias is not worth a row).
 *
 * <p>Metric {@code keyflow_key_uses_total{operation,outcome}} (outcome {@code granted} or {@code
 * refused}) counts every answer.
 */
@Component
class KeyUsageCounters {

  private static final Logger log = LoggerFactory.getLogger(KeyUsageCounters.class);

  private record Row(String system, String alias, AccessOperation operation) {}

  private record RefusedMinute(
      String system, UUID keyId, String alias, AccessOperation operation, Instant minute) {}

  /** One row's counts since the last flush. */
  private static final class Counts {
    final LongAdder uses = new LongAdder();
    final LongAdder refusals = new LongAdder();
    volatile Instant firstUse;
    volatile Instant lastUse;
    volatile Instant lastRefused;

    synchronized void use(Instant at) {
      uses.increment();
      if (firstUse == null) {
        firstUse = at;
      }
      lastUse = at;
    }

    synchronized void refuse(Instant at) {
      refusals.increment();
      lastRefused = at;
    }
  }

  private final UsageRepository repository;
  private final Ledger ledger;
  private final Clock clock;
  private final AtomicReference<Map<Row, Counts>> counts =
      new AtomicReference<>(new ConcurrentHashMap<>());
  private final Map<RefusedMinute, LongAdder> refusedMinutes = new ConcurrentHashMap<>();
  private final Map<AccessOperation, Counter> granted = new EnumMap<>(AccessOperation.class);
  private final Map<AccessOperation, Counter> refused = new EnumMap<>(AccessOperation.class);

  KeyUsageCounters(UsageRepository repository, Ledger ledger, Clock clock, MeterRegistry registry) {
    this.repository = repository;
    this.ledger = ledger;
    this.clock = clock;
    for (AccessOperation operation : AccessOperation.values()) {
      granted.put(operation, counter(registry, operation, "granted"));
      refused.put(operation, counter(registry, operation, "refused"));
    }
  }

  private static Counter counter(
      MeterRegistry registry, AccessOperation operation, String outcome) {
    return Counter.builder("keyflow.key.uses")
        .description("Uses of keys by systems, by operation and whether a grant allowed them")
        .tag("operation", operation.wireName())
        .tag("outcome", outcome)
        .register(registry);
  }

  void used(String system, String alias, AccessOperation operation, Instant at) {
    granted.get(operation).increment();
    counts.get().computeIfAbsent(new Row(system, alias, operation), r -> new Counts()).use(at);
  }

  void refused(String system, UUID keyId, String alias, AccessOperation operation, Instant at) {
    refused.get(operation).increment();
    counts.get().computeIfAbsent(new Row(system, alias, operation), r -> new Counts()).refuse(at);
    refusedMinutes
        .computeIfAbsent(
            new RefusedMinute(system, keyId, alias, operation, at.truncatedTo(ChronoUnit.MINUTES)),
            m -> new LongAdder())
        .increment();
  }

  void refusedUnknownKey(AccessOperation operation) {
    refused.get(operation).increment();
  }

  /** Writes the counts since the last flush, and the refusals of every minute that has ended. */
  @Scheduled(
      fixedDelayString = "${keyflow.access.usage-flush-interval:PT5S}",
      initialDelayString = "${keyflow.access.usage-flush-interval:PT5S}")
  void flush() {
    flush(clock.instant().truncatedTo(ChronoUnit.MINUTES));
  }

  @PreDestroy
  void flushAll() {
    flush(Instant.MAX);
  }

  /**
   * @param before refusals of minutes before this are written to the ledger; later ones wait
   */
  synchronized void flush(Instant before) {
    Map<Row, Counts> taken = counts.getAndSet(new ConcurrentHashMap<>());
    List<Delta> deltas = new ArrayList<>();
    taken.forEach(
        (row, c) ->
            deltas.add(
                new Delta(
                    row.system(),
                    row.alias(),
                    row.operation().wireName(),
                    c.uses.sum(),
                    c.refusals.sum(),
                    c.firstUse,
                    c.lastUse,
                    c.lastRefused)));
    try {
      if (!deltas.isEmpty()) {
        repository.add(deltas);
      }
    } catch (RuntimeException e) {
      log.warn("Key usage counts not written, kept for the next flush: {}", e.toString());
      taken.forEach((row, c) -> merge(row, c));
      return;
    }
    for (RefusedMinute minute : List.copyOf(refusedMinutes.keySet())) {
      if (!minute.minute().isBefore(before)) {
        continue;
      }
      LongAdder count = refusedMinutes.remove(minute);
      try {
        ledger.append(
            LedgerEvent.builder(LedgerAction.KEY_USE_REFUSED, minute.system())
                .key(minute.keyId(), minute.alias())
                .details(
                    new KeyUseRefused(
                        "No live grant to " + minute.operation().wireName(),
                        minute.system(),
                        minute.operation().wireName(),
                        minute.minute(),
                        count.sum()))
                .build());
      } catch (RuntimeException e) {
        log.warn("Refused uses not recorded, kept for the next flush: {}", e.toString());
        refusedMinutes.merge(
            minute,
            count,
            (a, b) -> {
              a.add(b.sum());
              return a;
            });
        return;
      }
    }
  }

  private void merge(Row row, Counts from) {
    Counts into = counts.get().computeIfAbsent(row, r -> new Counts());
    synchronized (into) {
      into.uses.add(from.uses.sum());
      into.refusals.add(from.refusals.sum());
      if (from.firstUse != null
          && (into.firstUse == null || from.firstUse.isBefore(into.firstUse))) {
        into.firstUse = from.firstUse;
      }
      if (from.lastUse != null && (into.lastUse == null || from.lastUse.isAfter(into.lastUse))) {
        into.lastUse = from.lastUse;
      }
      if (from.lastRefused != null
          && (into.lastRefused == null || from.lastRefused.isAfter(into.lastRefused))) {
        into.lastRefused = from.lastRefused;
      }
    }
  }
}
