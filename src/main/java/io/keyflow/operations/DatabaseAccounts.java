package io.keyflow.operations;

import io.keyflow.shared.StartupRefusal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

/**
 * Keyflow's two PostgreSQL accounts. The <em>migration account</em> ({@code spring.flyway.user},
 * {@code spring.flyway.password}) owns the schema: Flyway's migrations and Camunda's schema
 * creation run as it, and nothing else. The <em>runtime account</em> ({@code
 * spring.datasource.username}) runs everything else and owns nothing, so it cannot alter a table,
 * disable a trigger or create one.
 *
 * <p>After every schema change (each Flyway migrate and each Camunda schema creation or update)
 * {@link #grantRuntimeAccount} sets the runtime account's privileges on every table the migration
 * account owns in its schema, by one rule on the table's name, so a later migration cannot give the
 * runtime account more by forgetting (or adding) a grant:
 *
 * <ul>
 *   <li>a table whose name starts with {@code ledger_} (the entries, the head, the checkpoints and
 *       whatever ledger table comes next): {@code SELECT} and {@code INSERT} only, plus {@code
 *       UPDATE} on the tables in {@link #LEDGER_UPDATED} (the head row an append moves);
 *   <li>Flyway's history table: {@code SELECT} only;
 *   <li>every other table: {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE};
 *   <li>never {@code TRUNCATE}, {@code REFERENCES} or {@code TRIGGER}; on sequences {@code USAGE}
 *       and {@code SELECT}, never {@code UPDATE} ({@code setval}).
 * </ul>
 *
 * Privileges beyond the rule are revoked. With one account (the embedded H2 database, or {@code
 * spring.flyway.user} unset or equal to the runtime account) nothing is granted.
 */
@Component
public class DatabaseAccounts {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAccounts.class);

  /** The prefix of the ledger's tables: every such table is append-only for the runtime account. */
  public static final String LEDGER_PREFIX = "ledger_";

  /**
   * Ledger tables the runtime account may also UPDATE: {@code ledger_head}, the single row every
   * append locks and moves. A ledger table added here must say which statement needs it.
   */
  public static final Set<String> LEDGER_UPDATED = Set.of("ledger_head");

  static final List<String> TABLE_PRIVILEGES =
      List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");

  private final Environment environment;

  public DatabaseAccounts(Environment environment) {
    this.environment = environment;
  }

  /** The account the application runs as ({@code spring.datasource.username}). */
  public String runtimeAccount() {
    return environment.getProperty("spring.datasource.username", "");
  }

  /** The migration account, or empty when migrations run as the runtime account. */
  public String migrationAccount() {
    String user = environment.getProperty("spring.flyway.user", "");
    return user.isBlank() || user.equals(runtimeAccount()) ? "" : user;
  }

  /** Whether schema changes run as an account of their own. */
  public boolean separate() {
    return !migrationAccount().isEmpty();
  }

  /**
   * A connection source for the migration account (Flyway's URL, else the application's), for
   * Camunda's schema creation; Flyway builds its own from the same settings.
   */
  public DataSource migrationDataSource() {
    String url =
        environment.getProperty(
            "spring.flyway.url", environment.getProperty("spring.datasource.url", ""));
    return new DriverManagerDataSource(
        url, migrationAccount(), environment.getProperty("spring.flyway.password", ""));
  }

  /** What the runtime account may do on a table of the schema, by the rule above. */
  Set<String> privilegesOn(String table) {
    String name = table.toLowerCase(Locale.ROOT);
    if (name.startsWith(LEDGER_PREFIX)) {
      return LEDGER_UPDATED.contains(name)
          ? Set.of("SELECT", "INSERT", "UPDATE")
          : Set.of("SELECT", "INSERT");
    }
    if (name.equalsIgnoreCase(
        environment.getProperty("spring.flyway.table", "flyway_schema_history"))) {
      return Set.of("SELECT");
    }
    return Set.of("SELECT", "INSERT", "UPDATE", "DELETE");
  }

  /**
   * Brings the runtime account's privileges on the tables and sequences the connection's account
   * owns in its current schema to the rule, granting what is missing and revoking what is more.
   * Only with two accounts on PostgreSQL; statements are issued only for privileges that differ, so
   * an unchanged schema changes nothing.
   */
  public void grantRuntimeAccount(Connection migration) throws SQLException {
    if (!separate()
        || !"PostgreSQL".equalsIgnoreCase(migration.getMetaData().getDatabaseProductName())) {
      return;
    }
    String runtime = runtimeAccount();
    if (!roleExists(migration, runtime)) {
      throw new StartupRefusal(
          "The runtime database account "
              + runtime
              + " (spring.datasource.username) does not exist.",
          "Create it as docs/production.md#two-database-accounts shows, or set"
              + " spring.datasource.username to the account the application runs as.");
    }
    List<String> statements = new ArrayList<>();
    String schema;
    try (PreparedStatement query =
        migration.prepareStatement(
            "SELECT current_schema(), has_schema_privilege(?, current_schema(), 'USAGE')")) {
      query.setString(1, runtime);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        schema = row.getString(1);
        if (!row.getBoolean(2)) {
          statements.add(
              "GRANT USAGE ON SCHEMA " + identifier(schema) + " TO " + identifier(runtime));
        }
      }
    }
    statements.addAll(tableStatements(migration, runtime, schema));
    statements.addAll(sequenceStatements(migration, runtime, schema));
    try (Statement statement = migration.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    if (!statements.isEmpty()) {
      log.info(
          "Runtime database account {}: {} grant or revoke statement(s) applied in schema {}",
          runtime,
          statements.size(),
          schema);
    }
  }

  private List<String> tableStatements(Connection migration, String runtime, String schema)
      throws SQLException {
    StringBuilder columns = new StringBuilder();
    for (String privilege : TABLE_PRIVILEGES) {
      columns.append(", has_table_privilege(?, c.oid, '").append(privilege).append("')");
    }
    List<String> statements = new ArrayList<>();
    try (PreparedStatement query =
        migration.prepareStatement(
            "SELECT c.relname"
                + columns
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
                + " AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
                + " ORDER BY c.relname")) {
      for (int i = 1; i <= TABLE_PRIVILEGES.size(); i++) {
        query.setString(i, runtime);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String table = rows.getString(1);
          Set<String> wanted = privilegesOn(table);
          List<String> grant = new ArrayList<>();
          List<String> revoke = new ArrayList<>();
          for (int i = 0; i < TABLE_PRIVILEGES.size(); i++) {
            String privilege = TABLE_PRIVILEGES.get(i);
            boolean held = rows.getBoolean(i + 2);
            if (wanted.contains(privilege) && !held) {
              grant.add(privilege);
            } else if (!wanted.contains(privilege) && held) {
              revoke.add(privilege);
            }
          }
          String target = identifier(schema) + "." + identifier(table);
          if (!revoke.isEmpty()) {
            statements.add(
                "REVOKE "
                    + String.join(", ", revoke)
                    + " ON TABLE "
                    + target
                    + " FROM "
                    + identifier(runtime));
          }
          if (!grant.isEmpty()) {
            statements.add(
                "GRANT "
                    + String.join(", ", grant)
                    + " ON TABLE "
                    + target
                    + " TO "
                    + identifier(runtime));
          }
        }
      }
    }
    return statements;
  }

  private List<String> sequenceStatements(Connection migration, String runtime, String schema)
      throws SQLException {
    List<String> statements = new ArrayList<>();
    try (PreparedStatement query =
        migration.prepareStatement(
            "SELECT c.relname, has_sequence_privilege(?, c.oid, 'USAGE'),"
                + " has_sequence_privilege(?, c.oid, 'SELECT'),"
                + " has_sequence_privilege(?, c.oid, 'UPDATE')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relkind = 'S'"
                + " AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)")) {
      for (int i = 1; i <= 3; i++) {
        query.setString(i, runtime);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String target = identifier(schema) + "." + identifier(rows.getString(1));
          if (!rows.getBoolean(2) || !rows.getBoolean(3)) {
            statements.add(
                "GRANT USAGE, SELECT ON SEQUENCE " + target + " TO " + identifier(runtime));
          }
          if (rows.getBoolean(4)) {
            statements.add("REVOKE UPDATE ON SEQUENCE " + target + " FROM " + identifier(runtime));
          }
        }
      }
    }
    return statements;
  }

  private static boolean roleExists(Connection connection, String role) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      query.setString(1, role);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  /** A PostgreSQL identifier, quoted, so that an account or table name is never read as SQL. */
  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
