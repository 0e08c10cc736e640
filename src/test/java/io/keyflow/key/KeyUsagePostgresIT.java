package io.keyflow.key;

import com.zaxxer.hikari.HikariDataSource;
import io.keyflow.support.EmbeddedPostgresSupport;

/** {@link KeyUsageContract} on PostgreSQL, the production database. */
class KeyUsagePostgresIT extends KeyUsageContract {

  @Override
  protected HikariDataSource newDatabase() {
    return EmbeddedPostgresSupport.newDataSource();
  }
}
