package io.keyflow.access;

import io.keyflow.access.internal.GrantRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code keyflow_access_grants{state}}: grants by state, refreshed on a schedule ({@code
 * keyflow.metrics.refresh-interval}) rather than on every scrape. The uses are counted by {@link
 * KeyUsageCounters} ({@code keyflow_key_uses_total}).
 */
@Component
class AccessMetrics {

  private static final Logger log = LoggerFactory.getLogger(AccessMetrics.class);

  private final GrantRepository grants;
  private final MultiGauge byState;
  // Gauges hold their values weakly: this map keeps them alive between refreshes.
  private final Map<GrantState, AtomicLong> values = new EnumMap<>(GrantState.class);

  AccessMetrics(GrantRepository grants, MeterRegistry registry) {
    this.grants = grants;
    this.byState =
        MultiGauge.builder("keyflow.access.grants")
            .description("Key access grants by state")
            .register(registry);
    for (GrantState state : GrantState.values()) {
      values.put(state, new AtomicLong());
    }
  }

  @Scheduled(fixedDelayString = "${keyflow.metrics.refresh-interval:PT30S}")
  void refresh() {
    try {
      values.values().forEach(v -> v.set(0));
      for (Object[] row : grants.countByState()) {
        values.get(GrantState.valueOf((String) row[0])).set((Long) row[1]);
      }
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      values.forEach(
          (state, value) ->
              rows.add(MultiGauge.Row.of(Tags.of("state", state.name()), value, AtomicLong::get)));
      byState.register(rows, true);
    } catch (RuntimeException e) {
      log.warn("Grant metrics not refreshed: {}", e.toString());
    }
  }
}
