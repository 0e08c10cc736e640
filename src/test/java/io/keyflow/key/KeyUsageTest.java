package io.keyflow.key;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;

/** {@link KeyUsageContract} on H2, the embedded default. */
class KeyUsageTest extends KeyUsageContract {

  @Override
  protected HikariDataSource newDatabase() {
    HikariDataSource h2 = new HikariDataSource();
    h2.setJdbcUrl("jdbc:h2:mem:usage-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
    h2.setUsername("sa");
    return h2;
  }
}
