package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.KeyflowApplication;
import io.keyflow.support.EmbeddedPostgresSupport;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import io.keyflow.support.TestCertificates;
import io.keyflow.support.TestCertificates.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.spring.boot.starter.webapp.filter.LazyInitRegistration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * Keyflow on PostgreSQL with the two accounts docs/production.md has a DBA create: a migration
 * account that owns the schema (Flyway and Camunda's schema creation) and a runtime account the
 * application runs as. The runtime account cannot change the ledger's tables (not UPDATE, DELETE,
 * TRUNCATE, ALTER, disable their triggers) nor create tables, and Keyflow still generates, rotates
 * and verifies with it. The production profile refuses to start on an account that owns the ledger
 * unless the risk is accepted by a setting, and its refusals read as a description and an action.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseAccountsPostgresIT {

  static final String MIGRATION = "keyflow_migration";
  static final String RUNTIME = "keyflow_app";
  static final String OWNER = "keyflow_owner";
  static final String ADMIN_PASSWORD = "first-admin-password-1";
  static final Duration WAIT = Duration.ofSeconds(90);

  private static Path certificate;
  private static Path privateKey;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void accountsAndCertificate() throws Exception {
    // The DBA's first step (docs/production.md#two-database-accounts): two login roles.
    superuser(
        "postgres",
        "CREATE ROLE " + MIGRATION + " LOGIN PASSWORD 'migration-password'",
        "CREATE ROLE " + RUNTIME + " LOGIN PASSWORD 'runtime-password'",
        // The single account of the README before two accounts: it owns its database.
        "CREATE ROLE " + OWNER + " LOGIN PASSWORD 'owner-password'");
    Identity server =
        TestCertificates.selfSigned("localhost", TestCertificates.ec("db-accounts", "secp256r1"));
    Path directory = Files.createDirectories(Path.of("target", "db-accounts"));
    certificate = Files.writeString(directory.resolve("tls.crt"), server.certificatePem());
    privateKey = Files.writeString(directory.resolve("tls.key"), server.privateKeyPem());
  }

  @Test
  void theRuntimeAccountCannotChangeTheLedgerAndKeyflowStillGeneratesRotatesAndVerifies()
      throws Exception {
    String url = keyflowDatabase(MIGRATION);
    ConfigurableApplicationContext context = start("test", twoAccounts(url));
    try {
      RestClient rest =
          new RestClient(((WebServerApplicationContext) context).getWebServer().getPort());
      String alias = "orders-" + UUID.randomUUID().toString().substring(0, 8);

      String generation =
          id(
              post(
                  rest,
                  "/engine-rest/process-definition/key/KeyGeneration/start",
                  "alice",
                  "{\"variables\":{\"alias\":{\"value\":\""
                      + alias
                      + "\"},\"purpose\":{\"value\":\"DATA_AT_REST\"},"
                      + "\"algorithm\":{\"value\":\"AES-256\"},"
                      + "\"justification\":{\"value\":\"Encrypt the orders database\"}}}"));
      approve(rest, generation, "Task_ApproveKeyGeneration");
      awaitActive(rest, alias, 1);

      String rotation =
          id(
              post(
                  rest,
                  "/engine-rest/process-definition/key/KeyRotation/start",
                  "alice",
                  "{\"variables\":{\"alias\":{\"value\":\""
                      + alias
                      + "\"},\"reason\":{\"value\":\"Annual rotation\"}}}"));
      approve(rest, rotation, "Task_ApproveKeyRotation");
      awaitActive(rest, alias, 2);

      JsonNode verification = json.readTree(rest.get("/api/ledger/verify", "dave").body());
      assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
      assertThat(verification.get("entries").asInt()).isGreaterThanOrEqualTo(6);
    } finally {
      context.close();
    }

    try (Connection runtime = DriverManager.getConnection(url, RUNTIME, "runtime-password")) {
      for (String change :
          new String[] {
            "UPDATE ledger_entry SET actor = 'mallory'",
            "DELETE FROM ledger_entry",
            "TRUNCATE ledger_entry",
            "ALTER TABLE ledger_entry DISABLE TRIGGER ALL",
            "ALTER TABLE ledger_entry ADD COLUMN forged TEXT",
            "DROP TRIGGER ledger_entry_append_only ON ledger_entry",
            "CREATE TRIGGER forged BEFORE INSERT ON ledger_entry"
                + " FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change()",
            "DROP TABLE ledger_entry",
            "DELETE FROM ledger_head",
            "TRUNCATE ledger_head",
            "ALTER TABLE ledger_head DROP CONSTRAINT ledger_head_single_row",
            "UPDATE ledger_checkpoint SET signature = 'forged'",
            "DELETE FROM ledger_checkpoint",
            "TRUNCATE ledger_checkpoint",
            "ALTER TABLE ledger_checkpoint DISABLE TRIGGER ALL",
            "ALTER TABLE managed_key ADD COLUMN forged TEXT",
            "ALTER TABLE act_ru_job DISABLE TRIGGER ALL",
            "CREATE TABLE ledger_forged (seq BIGINT)",
            "UPDATE keyflow_schema_history SET checksum = 0"
          }) {
        assertThatThrownBy(() -> execute(runtime, change))
            .as(change)
            .isInstanceOfSatisfying(
                SQLException.class,
                refused -> {
                  // 42501 insufficient_privilege, and not from the append-only trigger (which
                  // uses the same code): the account lacks the privilege itself.
                  assertThat(refused.getSQLState()).as(change).isEqualTo("42501");
                  assertThat(refused.getMessage())
                      .as(change)
                      .containsAnyOf("permission denied", "must be owner")
                      .doesNotContain("append-only");
                });
      }
      assertThat(RuntimeAccountCheck.findings(runtime)).isEmpty();
    }
  }

  @Test
  void productionStartsOnTwoAccountsAndRefusesWithoutTheVaultSecretOrAnAdministrator(
      CapturedOutput output) {
    String url = keyflowDatabase(MIGRATION);

    Map<String, String> noSecret = production(twoAccounts(url));
    noSecret.remove("keyflow.hsm.software.master-secret");
    assertThat(refusedStart(output, noSecret))
        .contains(
            "Description:\n\nThe production profile requires the software vault's master secret")
        .contains("Action:\n\nSet keyflow.hsm.software.master-secret");

    Map<String, String> noAdministrator = production(twoAccounts(url));
    noAdministrator.remove("keyflow.first-admin.id");
    assertThat(refusedStart(output, noAdministrator))
        .contains("Description:\n\nThe production profile has no administrator yet")
        .contains("Action:\n\nSet KEYFLOW_ADMIN_ID and KEYFLOW_ADMIN_PASSWORD");

    ConfigurableApplicationContext context = start("production", production(twoAccounts(url)));
    try {
      assertThat(context.isRunning()).isTrue();
      assertThat(output.getOut()).doesNotContain("can rewrite the audit ledger");
    } finally {
      context.close();
    }
  }

  @Test
  void productionRefusesARuntimeAccountThatOwnsTheLedgerUnlessTheRiskIsAccepted(
      CapturedOutput output) {
    String url = keyflowDatabase(OWNER);
    Map<String, String> oneAccount = new LinkedHashMap<>();
    oneAccount.put("spring.datasource.url", url);
    oneAccount.put("spring.datasource.username", OWNER);
    oneAccount.put("spring.datasource.password", "owner-password");

    assertThatThrownBy(() -> start("production", production(oneAccount))).isNotNull();
    WebappFilters.forgetFailedContext();
    String report = report(output);
    assertThat(report)
        .contains(
            "Description:\n\nThe database account "
                + OWNER
                + " (spring.datasource.username) can rewrite the audit ledger or change the"
                + " schema: it may create tables in schema public; it owns ledger_checkpoint,"
                + " ledger_entry, ledger_head, ledger_tree_node (so it can ALTER them and disable their append-only"
                + " triggers)")
        .contains("Action:\n\nRun Keyflow with two database accounts")
        .contains("set keyflow.database.accept-privileged-runtime-account=true.");

    Map<String, String> accepted = production(oneAccount);
    accepted.put("keyflow.database.accept-privileged-runtime-account", "true");
    ConfigurableApplicationContext context = start("production", accepted);
    try {
      assertThat(output.getOut())
          .containsPattern(
              "WARN .* The database account "
                  + OWNER
                  + " \\(spring.datasource.username\\) can rewrite the audit ledger")
          .contains(
              "Starting anyway because keyflow.database.accept-privileged-runtime-account=true.");
    } finally {
      context.close();
    }
  }

  @Test
  void aLaterMigrationsLedgerTableIsAppendOnlyAndItsOwnGrantsAreTakenBack() throws Exception {
    String url = keyflowDatabase(MIGRATION);
    DatabaseAccounts accounts =
        new DatabaseAccounts(
            new MockEnvironment()
                .withProperty("spring.datasource.username", RUNTIME)
                .withProperty("spring.flyway.user", MIGRATION)
                .withProperty("spring.flyway.table", "keyflow_schema_history"));
    try (Connection migration = DriverManager.getConnection(url, MIGRATION, "migration-password")) {
      // What a later migration might do: a new ledger table, granted too much by hand, and a
      // table of another module.
      execute(migration, "CREATE TABLE ledger_tree_tile (level INT, idx BIGINT, hash CHAR(64))");
      execute(migration, "GRANT ALL ON ledger_tree_tile TO " + RUNTIME);
      execute(migration, "CREATE TABLE key_usage (id BIGSERIAL PRIMARY KEY, key_id TEXT)");
      execute(migration, "CREATE TABLE keyflow_schema_history (version TEXT)");

      accounts.grantRuntimeAccount(migration);

      assertThat(privileges(migration, "ledger_tree_tile")).containsExactly("SELECT", "INSERT");
      assertThat(privileges(migration, "key_usage"))
          .containsExactly("SELECT", "INSERT", "UPDATE", "DELETE");
      assertThat(privileges(migration, "keyflow_schema_history")).containsExactly("SELECT");
    }
    try (Connection runtime = DriverManager.getConnection(url, RUNTIME, "runtime-password")) {
      execute(runtime, "INSERT INTO ledger_tree_tile VALUES (0, 0, 'h')");
      execute(runtime, "INSERT INTO key_usage (key_id) VALUES ('k')");
      assertThatThrownBy(() -> execute(runtime, "UPDATE ledger_tree_tile SET hash = 'forged'"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> execute(runtime, "SELECT setval('key_usage_id_seq', 1)"))
          .hasMessageContaining("permission denied");
    }
  }

  private static List<String> privileges(Connection connection, String table) throws SQLException {
    List<String> held = new ArrayList<>();
    for (String privilege : DatabaseAccounts.TABLE_PRIVILEGES) {
      try (var query =
          connection.prepareStatement("SELECT has_table_privilege(?, ?, '" + privilege + "')")) {
        query.setString(1, RUNTIME);
        query.setString(2, table);
        try (var row = query.executeQuery()) {
          row.next();
          if (row.getBoolean(1)) {
            held.add(privilege);
          }
        }
      }
    }
    return held;
  }

  // ---- the DBA's steps, as docs/production.md has them ----

  /**
   * A database owned by {@code owner}, which only the runtime account may also connect to, with
   * nobody but its owner creating in its schema; returns its JDBC URL (no user in it).
   */
  static String keyflowDatabase(String owner) {
    String name = "keyflow_" + UUID.randomUUID().toString().replace("-", "");
    superuser(
        "postgres",
        "CREATE DATABASE " + name + " OWNER " + owner,
        "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC",
        "GRANT CONNECT ON DATABASE " + name + " TO " + owner + ", " + RUNTIME);
    superuser(
        name,
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        "GRANT USAGE ON SCHEMA public TO " + RUNTIME);
    return "jdbc:postgresql://localhost:" + EmbeddedPostgresSupport.server().getPort() + "/" + name;
  }

  private static void superuser(String database, String... statements) {
    String url =
        "jdbc:postgresql://localhost:"
            + EmbeddedPostgresSupport.server().getPort()
            + "/"
            + database;
    try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
      for (String sql : statements) {
        execute(connection, sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  // ---- starting Keyflow ----

  static Map<String, String> twoAccounts(String url) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", url);
    settings.put("spring.datasource.username", RUNTIME);
    settings.put("spring.datasource.password", "runtime-password");
    settings.put("spring.flyway.user", MIGRATION);
    settings.put("spring.flyway.password", "migration-password");
    return settings;
  }

  static Map<String, String> production(Map<String, String> database) {
    Map<String, String> settings = new LinkedHashMap<>(database);
    settings.put("server.ssl.certificate", "file:" + certificate.toAbsolutePath());
    settings.put("server.ssl.certificate-private-key", "file:" + privateKey.toAbsolutePath());
    settings.put("keyflow.hsm.software.master-secret", "production-test-master-secret");
    settings.put("keyflow.first-admin.id", "rootadmin");
    settings.put("KEYFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
    return settings;
  }

  private static ConfigurableApplicationContext start(String profile, Map<String, String> extra) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
    settings.put("server.port", "0");
    settings.put("camunda.bpm.job-execution.enabled", "true");
    settings.put("keyflow.hsm.software.argon2-memory-kib", "1024");
    settings.put("keyflow.hsm.software.argon2-iterations", "1");
    settings.putAll(extra);
    String[] args =
        settings.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(KeyflowApplication.class).profiles(profile).run(args);
  }

  /** Starts production on these settings, expects a refusal, returns the start-up report. */
  private static String refusedStart(CapturedOutput output, Map<String, String> settings) {
    int before = output.getOut().length();
    assertThatThrownBy(() -> start("production", settings)).isNotNull();
    WebappFilters.forgetFailedContext();
    return report(output.getOut().substring(before));
  }

  private static String report(CapturedOutput output) {
    return report(output.getOut());
  }

  /**
   * Camunda's webapp filters find the application context through a static field that a context
   * whose refresh failed never clears (it clears it on a close event, which such a context does not
   * send); the next start in the same JVM would then initialise its filters from the failed
   * context. One JVM starts once in production; this test starts several times.
   */
  static final class WebappFilters extends LazyInitRegistration {
    static void forgetFailedContext() {
      APPLICATION_CONTEXT = null;
    }
  }

  /** The last start-up report in the log, checked to be a report and not a stack trace. */
  private static String report(String logged) {
    int at = logged.lastIndexOf("APPLICATION FAILED TO START");
    assertThat(at).as("a start-up report in the log").isNotNegative();
    String report = logged.substring(at);
    int end = report.indexOf("\n\n\n");
    report = end < 0 ? report : report.substring(0, end);
    assertThat(report).contains("Description:", "Action:").doesNotContain("\tat ", "Exception");
    return report;
  }

  // ---- REST ----

  private String post(RestClient rest, String path, String user, String body) {
    var response = rest.post(path, user, body);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return response.body();
  }

  private String id(String body) throws IOException {
    return json.readTree(body).get("id").asText();
  }

  private void approve(RestClient rest, String processInstanceId, String taskDefinitionKey) {
    String[] task = new String[1];
    FullStack.await(
        "task " + taskDefinitionKey,
        WAIT,
        () -> {
          JsonNode tasks =
              read(
                  rest,
                  "/engine-rest/task?processInstanceId="
                      + processInstanceId
                      + "&taskDefinitionKey="
                      + taskDefinitionKey,
                  "bob");
          task[0] = tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
          return task[0] != null;
        });
    var response =
        rest.post(
            "/engine-rest/task/" + task[0] + "/complete",
            "bob",
            "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }

  private void awaitActive(RestClient rest, String alias, int number) {
    FullStack.await(
        "version " + number + " ACTIVE",
        WAIT,
        () -> {
          var response = rest.get("/api/keys/" + alias, "dave");
          if (response.statusCode() != 200) {
            return false;
          }
          for (JsonNode version : readBody(response.body()).get("versions")) {
            if (version.get("version").asInt() == number
                && "ACTIVE".equals(version.get("state").asText())) {
              return true;
            }
          }
          return false;
        });
  }

  private JsonNode read(RestClient rest, String path, String user) {
    return readBody(rest.get(path, user).body());
  }

  private JsonNode readBody(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
