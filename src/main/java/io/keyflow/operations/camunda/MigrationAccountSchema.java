package io.keyflow.operations.camunda;

import io.keyflow.operations.DatabaseAccounts;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.springframework.stereotype.Component;

/**
 * With two database accounts, Camunda's schema is created and updated by the migration account: a
 * short-lived engine on the migration account's connections runs Camunda's own schema operation
 * ({@code databaseSchemaUpdate}) and the runtime account's privileges are granted by {@link
 * DatabaseAccounts}'s rule; the application's engine then only checks the schema version, so the
 * runtime account never needs DDL. With one account, nothing changes. {@code
 * camunda.bpm.database.schema-update=false} (a DBA applying Camunda's scripts) is respected.
 */
@Component
class MigrationAccountSchema extends AbstractProcessEnginePlugin {

  private final DatabaseAccounts accounts;

  MigrationAccountSchema(DatabaseAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!accounts.separate() || !"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    DataSource migration = accounts.migrationDataSource();
    if (!ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE.equals(
        configuration.getDatabaseSchemaUpdate())) {
      StandaloneProcessEngineConfiguration schema = new StandaloneProcessEngineConfiguration();
      schema.setProcessEngineName(configuration.getProcessEngineName() + "-schema");
      schema.setDataSource(migration);
      schema.setDatabaseType(configuration.getDatabaseType());
      schema.setDatabaseTablePrefix(configuration.getDatabaseTablePrefix());
      schema.setDatabaseSchema(configuration.getDatabaseSchema());
      schema.setDatabaseSchemaUpdate(configuration.getDatabaseSchemaUpdate());
      schema.setHistory(configuration.getHistory());
      schema.setJobExecutorActivate(false);
      schema.setMetricsEnabled(false);
      schema.setDbMetricsReporterActivate(false);
      schema.setTaskMetricsEnabled(false);
      schema.setHistoryCleanupEnabled(false);
      schema.buildProcessEngine().close();
    }
    try (Connection connection = migration.getConnection()) {
      accounts.grantRuntimeAccount(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not grant the runtime database account its privileges on Camunda's tables: "
              + e.getMessage(),
          e);
    }
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
  }
}
