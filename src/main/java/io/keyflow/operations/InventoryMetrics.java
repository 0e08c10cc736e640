package io.keyflow.operations;

import io.keyflow.distribution.DistributionPackages;
import io.keyflow.key.Keys;
import io.keyflow.key.VersionCount;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Inventory gauges, refreshed on a schedule ({@code keyflow.metrics.refresh-interval}) rather than
 * on every scrape, so a scrape costs nothing: key versions by state, purpose and environment
 * ({@code keyflow_keys}), keys overdue for rotation ({@code keyflow_keys_overdue}, by the engine's
 * clock) and distribution packages by state ({@code keyflow_distribution_packages}).
 */
@Component
class InventoryMetrics {

  private static final Logger log = LoggerFactory.getLogger(InventoryMetrics.class);

  private final Keys keys;
  private final DistributionPackages packages;
  private final Clock clock;
  private final MultiGauge versions;
  private final MultiGauge packagesByState;
  private final AtomicLong overdue = new AtomicLong();
  // Gauges hold their value objects weakly: these maps keep them alive between refreshes, or a
  // scrape after a garbage collection would read NaN.
  private final Map<Tags, AtomicLong> versionValues = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicLong> packageValues = new ConcurrentHashMap<>();

  InventoryMetrics(Keys keys, DistributionPackages packages, Clock clock, MeterRegistry registry) {
    this.keys = keys;
    this.packages = packages;
    this.clock = clock;
    this.versions =
        MultiGauge.builder("keyflow.keys")
            .description("Key versions by state, purpose and environment")
            .register(registry);
    this.packagesByState =
        MultiGauge.builder("keyflow.distribution.packages")
            .description("Distribution packages by state")
            .register(registry);
    Gauge.builder("keyflow.keys.overdue", overdue, AtomicLong::get)
        .description("Keys whose primary version is past its protect-stop date (rotation overdue)")
        .register(registry);
  }

  @Scheduled(fixedDelayString = "${keyflow.metrics.refresh-interval:PT30S}")
  void refresh() {
    try {
      List<VersionCount> counts = keys.versionCounts();
      versions.register(
          rows(
              versionValues,
              counts.stream()
                  .collect(
                      Collectors.toMap(
                          c ->
                              Tags.of(
                                  "state",
                                  c.state().name(),
                                  "purpose",
                                  c.purpose().name(),
                                  "environment",
                                  c.environment().name()),
                          VersionCount::count,
                          Long::sum))));
      overdue.set(keys.keysWithPrimaryProtectStopBy(clock.instant()).size());
      packagesByState.register(
          rows(
              packageValues,
              packages.countByState().entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          e -> Tags.of("state", e.getKey().name()),
                          e -> e.getValue().longValue()))));
    } catch (RuntimeException e) {
      // The database may be briefly unreachable; the gauges keep their last values and readiness
      // says why.
      log.warn("Inventory metrics not refreshed this time: {}", e.getMessage());
    }
  }

  /**
   * The rows for {@link MultiGauge#register(Iterable)} without overwrite: a row seen before keeps
   * its gauge, which reads the same {@link AtomicLong}, so only vanished rows leave the registry.
   * (Overwriting removes every row and registers it again, and a scrape in between would miss it.)
   */
  private static List<MultiGauge.Row<?>> rows(
      Map<Tags, AtomicLong> values, Map<Tags, Long> counts) {
    values.keySet().retainAll(counts.keySet());
    counts.forEach((tags, count) -> values.computeIfAbsent(tags, t -> new AtomicLong()).set(count));
    return values.entrySet().stream()
        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(e.getKey(), e.getValue(), AtomicLong::get))
        .toList();
  }
}
