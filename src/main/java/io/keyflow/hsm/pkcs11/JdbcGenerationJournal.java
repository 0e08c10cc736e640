package io.keyflow.hsm.pkcs11;

import com.zaxxer.hikari.HikariDataSource;
import io.keyflow.shared.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * The generation journal in Keyflow's database ({@code pkcs11_generation_attempt}), written on a
 * connection pool of its own in auto-commit: the row must be committed before the token is asked,
 * whatever the caller's transaction does afterwards, and a job thread already holds a connection of
 * the application's pool, so borrowing a second one there could starve the pool when every job
 * thread generates at once. This pool's connections are held only for one insert.
 */
final class JdbcGenerationJournal implements GenerationJournal, AutoCloseable {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final int POOL_SIZE = 2;

  private final DataSource dataSource;
  private final Clock clock;

  JdbcGenerationJournal(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** A journal on its own small pool to the application's database. */
  static JdbcGenerationJournal onOwnPool(DataSourceProperties database) {
    HikariDataSource pool =
        database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    pool.setPoolName("keyflow-pkcs11-journal");
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(0);
    pool.setAutoCommit(true);
    return new JdbcGenerationJournal(pool, Clock.systemUTC());
  }

  @Override
  public boolean recordAttempt(UUID id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO pkcs11_generation_attempt (key_id, first_attempt) VALUES (?, ?)")) {
      connection.setAutoCommit(true);
      insert.setString(1, id.toString());
      insert.setObject(2, Jdbc.ts(clock.instant()));
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw new IllegalStateException(
          "The generation journal could not record key " + id + " (" + e.getSQLState() + ")", e);
    }
  }

  @Override
  public void close() {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
  }
}
