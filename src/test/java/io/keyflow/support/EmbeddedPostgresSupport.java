package io.keyflow.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server (zonky embedded binaries) per test JVM, started on first use; every
 * caller gets its own fresh database in it, so tests never share state.
 */
public final class EmbeddedPostgresSupport {

  private static EmbeddedPostgres server;

  private EmbeddedPostgresSupport() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return server;
  }

  /** Creates a new empty database and returns its JDBC URL. */
  public static String newDatabase() {
    String name = "keyflow_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** Points a Spring context at a new database of its own. */
  public static void register(DynamicPropertyRegistry registry) {
    String url = newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
  }

  /** A pooled DataSource on a new database, for tests without Spring. */
  public static HikariDataSource newDataSource() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(newDatabase());
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(20);
    return new HikariDataSource(config);
  }
}
