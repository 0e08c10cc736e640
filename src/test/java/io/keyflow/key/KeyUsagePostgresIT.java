package io.keyflow.key;

import com.zaxxer.hikari.HikariDataSource;
import io.keyflow.support.EmbeddedPostgresSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** {@link KeyUsageContract} on PostgreSQL, the production database. */
class KeyUsagePostgresIT extends KeyUsageContract {

  private final HikariDataSource dataSource = EmbeddedPostgresSupport.newDataSource();

  @Override
  protected DataSource dataSource() {
    return dataSource;
  }

  @AfterAll
  void close() {
    dataSource.close();
  }
}
