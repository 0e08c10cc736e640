package io.keyflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * The ledger on PostgreSQL 15 (embedded). One server for the class, a new database per test.
 * Tampering goes around the append-only trigger the way a superuser could, with {@code
 * session_replication_role = replica}.
 */
class LedgerPostgresIT extends LedgerDatabaseContract {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  protected String newDatabaseUrl() {
    String name = "ledger_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  @Override
  protected String user() {
    return "postgres";
  }

  @Override
  protected void tamper(String sql, Object... args) {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement bypass = connection.createStatement()) {
        bypass.execute("SET session_replication_role = replica");
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          statement.setObject(i + 1, args[i]);
        }
        statement.executeUpdate();
      } finally {
        try (Statement restore = connection.createStatement()) {
          restore.execute("SET session_replication_role = origin");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void databaseRefusesUpdateDeleteAndTruncateOfLedgerEntries() {
    appendEntries(2);

    assertThatThrownBy(() -> jdbc.update("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = 1"))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("ledger_entry is append-only: UPDATE refused");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM ledger_entry WHERE seq = 2"))
        .rootCause()
        .hasMessageContaining("ledger_entry is append-only: DELETE refused");
    assertThatThrownBy(() -> jdbc.execute("TRUNCATE ledger_entry"))
        .rootCause()
        .hasMessageContaining("ledger_entry is append-only: TRUNCATE refused");
    assertThat(ledger.verify()).isEqualTo(LedgerVerification.ok(2));
  }
}
