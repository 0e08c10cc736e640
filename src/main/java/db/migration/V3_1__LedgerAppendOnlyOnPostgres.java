package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, makes {@code ledger_entry} refuse UPDATE, DELETE and TRUNCATE with a trigger.
 *
 * <p>A Java migration rather than SQL because the trigger is PostgreSQL-only (PL/pgSQL) while the
 * migrations must also run on H2, where it is skipped. The trigger stops mistakes and non-owner
 * accounts; a superuser can still disable it, which is why the hash chain and {@code
 * io.keyflow.ledger.LedgerVerifier} remain the real protection.
 */
public class V3_1__LedgerAppendOnlyOnPostgres extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    String product = context.getConnection().getMetaData().getDatabaseProductName();
    if (!"PostgreSQL".equalsIgnoreCase(product)) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute(
          """
          CREATE FUNCTION ledger_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            RAISE EXCEPTION 'ledger_entry is append-only: % refused', TG_OP
              USING ERRCODE = 'insufficient_privilege';
          END
          $$""");
      statement.execute(
          """
          CREATE TRIGGER ledger_entry_append_only
            BEFORE UPDATE OR DELETE ON ledger_entry
            FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change()""");
      statement.execute(
          """
          CREATE TRIGGER ledger_entry_no_truncate
            BEFORE TRUNCATE ON ledger_entry
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_refuse_change()""");
    }
  }
}
