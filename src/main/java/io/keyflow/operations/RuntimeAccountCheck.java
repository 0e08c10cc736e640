package io.keyflow.operations;

import io.keyflow.shared.StartupRefusal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The production profile's check, once at start-up (after the migrations, before any port opens or
 * job runs), that the account the application runs as cannot rewrite the audit trail: it is no
 * superuser, owns no ledger table (an owner can {@code ALTER TABLE ledger_entry DISABLE TRIGGER
 * ALL}), holds no {@code UPDATE} (beyond {@link DatabaseAccounts#LEDGER_UPDATED}), {@code DELETE},
 * {@code TRUNCATE} or {@code TRIGGER} on one, owns no other table and cannot create tables. Read
 * from {@code pg_tables.tableowner}, {@code has_table_privilege} and {@code has_schema_privilege}.
 * Refused unless {@code keyflow.database.accept-privileged-runtime-account=true}, which starts with
 * a warning instead.
 */
@Component
@Profile("production")
class RuntimeAccountCheck implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(RuntimeAccountCheck.class);
  static final String ACCEPT = "keyflow.database.accept-privileged-runtime-account";
  private static final List<String> LEDGER_PRIVILEGES =
      List.of("UPDATE", "DELETE", "TRUNCATE", "TRIGGER");

  private final DataSource dataSource;
  private final DatabaseSettings settings;

  RuntimeAccountCheck(DataSource dataSource, DatabaseSettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<String> findings;
    String account;
    try (Connection connection = dataSource.getConnection()) {
      if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
        return;
      }
      account = connection.getMetaData().getUserName();
      findings = findings(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not read the runtime database account's privileges: " + e.getMessage(), e);
    }
    if (findings.isEmpty()) {
      return;
    }
    String description =
        "The database account "
            + account
            + " (spring.datasource.username) can rewrite the audit ledger or change the schema: it "
            + String.join("; it ", findings)
            + ".";
    if (settings.acceptPrivilegedRuntimeAccount()) {
      log.warn("{} Starting anyway because {}=true.", description, ACCEPT);
      return;
    }
    throw new StartupRefusal(
        description,
        "Run Keyflow with two database accounts: a migration account that owns the schema in"
            + " spring.flyway.user and spring.flyway.password, and a runtime account that owns"
            + " nothing in spring.datasource.username and spring.datasource.password"
            + " (docs/production.md#two-database-accounts). To start anyway, accepting that this"
            + " account can alter the ledger, set "
            + ACCEPT
            + "=true.");
  }

  static List<String> findings(Connection connection) throws SQLException {
    List<String> findings = new ArrayList<>();
    List<String> ownedLedger = new ArrayList<>();
    int ownedOther = 0;
    Map<String, List<String>> ledgerPrivileges = new TreeMap<>();
    String schema;
    try (Statement statement = connection.createStatement()) {
      try (ResultSet row =
          statement.executeQuery(
              "SELECT r.rolsuper, current_schema(),"
                  + " has_schema_privilege(current_schema(), 'CREATE')"
                  + " FROM pg_roles r WHERE r.rolname = current_user")) {
        row.next();
        if (row.getBoolean(1)) {
          findings.add("is a superuser");
        }
        schema = row.getString(2);
        if (row.getBoolean(3)) {
          findings.add("may create tables in schema " + schema);
        }
      }
      StringBuilder columns = new StringBuilder();
      for (String privilege : LEDGER_PRIVILEGES) {
        columns
            .append(", has_table_privilege(quote_ident(t.schemaname) || '.' ||")
            .append(" quote_ident(t.tablename), '")
            .append(privilege)
            .append("')");
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT t.tablename, pg_has_role(t.tableowner, 'MEMBER')"
                  + columns
                  + " FROM pg_tables t WHERE t.schemaname = current_schema()"
                  + " ORDER BY t.tablename")) {
        while (rows.next()) {
          String table = rows.getString(1);
          boolean owns = rows.getBoolean(2);
          if (!table.startsWith(DatabaseAccounts.LEDGER_PREFIX)) {
            ownedOther += owns ? 1 : 0;
            continue;
          }
          if (owns) {
            ownedLedger.add(table);
          }
          for (int i = 0; i < LEDGER_PRIVILEGES.size(); i++) {
            String privilege = LEDGER_PRIVILEGES.get(i);
            boolean allowed =
                privilege.equals("UPDATE") && DatabaseAccounts.LEDGER_UPDATED.contains(table);
            if (rows.getBoolean(i + 3) && !allowed) {
              ledgerPrivileges.computeIfAbsent(privilege, p -> new ArrayList<>()).add(table);
            }
          }
        }
      }
    }
    if (!ownedLedger.isEmpty()) {
      findings.add(
          "owns "
              + String.join(", ", ownedLedger)
              + " (so it can ALTER them and disable their append-only triggers)");
    }
    ledgerPrivileges.forEach(
        (privilege, tables) -> findings.add("may " + privilege + " " + String.join(", ", tables)));
    if (ownedOther > 0) {
      findings.add("owns " + ownedOther + " other table(s) of schema " + schema);
    }
    return findings;
  }
}
