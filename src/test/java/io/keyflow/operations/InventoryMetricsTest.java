package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.keyflow.distribution.DistributionPackages;
import io.keyflow.distribution.PackageState;
import io.keyflow.key.Environment;
import io.keyflow.key.KeyPurpose;
import io.keyflow.key.KeyState;
import io.keyflow.key.Keys;
import io.keyflow.key.VersionCount;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inventory gauges keep a row in the registry from one refresh to the next, so no scrape can
 * miss it.
 */
class InventoryMetricsTest {

  final Keys keys = mock(Keys.class);
  final DistributionPackages packages = mock(DistributionPackages.class);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<Meter.Id> removed = new ArrayList<>();
  final InventoryMetrics metrics =
      new InventoryMetrics(keys, packages, Clock.systemUTC(), registry);

  @Test
  void aRowThatStaysIsNeverRemovedAndReadsTheNewCount() {
    registry.config().onMeterRemoved(meter -> removed.add(meter.getId()));
    when(packages.countByState()).thenReturn(Map.of(PackageState.HELD, 2L));
    when(keys.versionCounts()).thenReturn(List.of(active(1)));
    metrics.refresh();
    when(keys.versionCounts()).thenReturn(List.of(active(3)));
    metrics.refresh();

    assertThat(removed).isEmpty();
    assertThat(activeGauge()).isEqualTo(3);
    assertThat(registry.get("keyflow.distribution.packages").tag("state", "HELD").gauge().value())
        .isEqualTo(2);
  }

  @Test
  void aRowThatVanishesLeavesTheRegistryAndComesBackWithItsNewCount() {
    when(packages.countByState()).thenReturn(Map.of());
    when(keys.versionCounts()).thenReturn(List.of(active(1)));
    metrics.refresh();
    when(keys.versionCounts()).thenReturn(List.of());
    metrics.refresh();
    assertThat(registry.find("keyflow.keys").gauges()).isEmpty();

    when(keys.versionCounts()).thenReturn(List.of(active(5)));
    metrics.refresh();
    assertThat(activeGauge()).isEqualTo(5);
  }

  private static VersionCount active(long count) {
    return new VersionCount(
        KeyState.ACTIVE, KeyPurpose.DATA_AT_REST, Environment.PRODUCTION, count);
  }

  private double activeGauge() {
    return registry
        .get("keyflow.keys")
        .tags("state", "ACTIVE", "purpose", "DATA_AT_REST", "environment", "PRODUCTION")
        .gauge()
        .value();
  }
}
