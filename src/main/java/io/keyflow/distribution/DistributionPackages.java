package io.keyflow.distribution;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Read-only figures about distribution packages, for the operations metrics. */
@Component
public class DistributionPackages {

  private final JdbcTemplate jdbc;

  DistributionPackages(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The number of packages in each state; states without packages count zero. */
  public Map<PackageState, Long> countByState() {
    Map<PackageState, Long> counts = new EnumMap<>(PackageState.class);
    for (PackageState state : PackageState.values()) {
      counts.put(state, 0L);
    }
    jdbc.query(
        "SELECT state, COUNT(*) FROM distribution_package GROUP BY state",
        rs -> {
          counts.put(PackageState.valueOf(rs.getString(1)), rs.getLong(2));
        });
    return counts;
  }
}
