package io.keyflow.key;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** {@link KeyUsageContract} on H2, the embedded default. */
class KeyUsageTest extends KeyUsageContract {

  private final HikariDataSource dataSource = new HikariDataSource();

  KeyUsageTest() {
    dataSource.setJdbcUrl("jdbc:h2:mem:usage-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
    dataSource.setUsername("sa");
  }

  @Override
  protected DataSource dataSource() {
    return dataSource;
  }

  @AfterAll
  void close() {
    dataSource.close();
  }
}
