package io.keyflow.operations;

import java.sql.SQLException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * After every Flyway migrate, as the migration account, brings the runtime account's privileges to
 * {@link DatabaseAccounts}'s rule, so the tables a new migration adds are covered without the
 * migration granting anything itself.
 */
@Component
class RuntimeAccountGrants implements Callback {

  private final DatabaseAccounts accounts;

  RuntimeAccountGrants(DatabaseAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    try {
      accounts.grantRuntimeAccount(context.getConnection());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not grant the runtime database account its privileges: " + e.getMessage(), e);
    }
  }

  @Override
  public String getCallbackName() {
    return "keyflowRuntimeAccountGrants";
  }
}
