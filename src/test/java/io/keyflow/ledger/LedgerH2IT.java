package io.keyflow.ledger;

import java.util.UUID;

/** The ledger on H2 in the application's compatibility mode. */
class LedgerH2IT extends LedgerDatabaseContract {

  @Override
  protected String newDatabaseUrl() {
    return "jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";MODE=LEGACY";
  }

  @Override
  protected String user() {
    return "sa";
  }
}
