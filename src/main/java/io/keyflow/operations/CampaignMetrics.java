package io.keyflow.operations;

import io.keyflow.campaign.Campaigns;
import io.keyflow.campaign.ItemState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code keyflow_campaign_keys{state}}: keys of the rotation and destruction campaigns awaiting
 * approval or running, by state (PENDING, EXCLUDED, RUNNING, DONE, FAILED; FAILED counts failed
 * keys of finished campaigns too), refreshed with the other gauges.
 */
@Component
class CampaignMetrics {

  private static final Logger log = LoggerFactory.getLogger(CampaignMetrics.class);

  private final Campaigns campaigns;
  // Gauges hold their value objects weakly: this map keeps them alive, or a scrape after a garbage
  // collection would read NaN.
  private final Map<ItemState, AtomicLong> values = new EnumMap<>(ItemState.class);

  CampaignMetrics(Campaigns campaigns, MeterRegistry registry) {
    this.campaigns = campaigns;
    for (ItemState state : ItemState.values()) {
      AtomicLong value = new AtomicLong();
      values.put(state, value);
      Gauge.builder("keyflow.campaign.keys", value, AtomicLong::get)
          .description(
              "Keys of open rotation and destruction campaigns by state; failed keys of any campaign")
          .tag("state", state.name())
          .register(registry);
    }
  }

  @Scheduled(fixedDelayString = "${keyflow.metrics.refresh-interval:PT30S}")
  void refresh() {
    try {
      campaigns.openItemCounts().forEach((state, count) -> values.get(state).set(count));
    } catch (RuntimeException e) {
      log.warn("Campaign metrics not refreshed this time: {}", e.getMessage());
    }
  }
}
