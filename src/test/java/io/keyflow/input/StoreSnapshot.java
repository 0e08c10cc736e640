package io.keyflow.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultObject;
import io.keyflow.ledger.Ledger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a refused request must leave as it was: the row counts of Keyflow's tables and of Camunda's
 * runtime and history tables, the vault's objects, and the ledger (valid; longer only by refusal
 * entries).
 */
final class StoreSnapshot {

  static final List<String> KEYFLOW_TABLES =
      List.of(
          "managed_key",
          "key_version",
          "software_vault_key",
          "recipient",
          "distribution_package",
          "storage_attestation",
          "ledger_checkpoint",
          "decrypt_exception",
          "key_group",
          "key_group_member",
          "key_access_grant",
          "access_review");
  static final List<String> RUNTIME_TABLES =
      List.of(
          "ACT_RU_EXECUTION",
          "ACT_RU_VARIABLE",
          "ACT_RU_TASK",
          "ACT_RU_JOB",
          "ACT_RU_INCIDENT",
          "ACT_RU_IDENTITYLINK",
          "ACT_RU_EVENT_SUBSCR");

  /** Rows a modelled refusal does add: the ended instance's history. */
  static final List<String> HISTORY_TABLES =
      List.of(
          "ACT_HI_PROCINST",
          "ACT_HI_ACTINST",
          "ACT_HI_VARINST",
          "ACT_HI_DETAIL",
          "ACT_HI_TASKINST",
          "ACT_HI_OP_LOG",
          "ACT_HI_COMMENT",
          "ACT_GE_BYTEARRAY");

  record Counts(Map<String, Long> rows, long ledgerLength, List<String> vaultObjects) {}

  private final JdbcTemplate jdbc;
  private final KeyVault vault;
  private final Ledger ledger;

  StoreSnapshot(JdbcTemplate jdbc, KeyVault vault, Ledger ledger) {
    this.jdbc = jdbc;
    this.vault = vault;
    this.ledger = ledger;
  }

  Counts counts() {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (List<String> tables : List.of(KEYFLOW_TABLES, RUNTIME_TABLES, HISTORY_TABLES)) {
      for (String table : tables) {
        rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
      }
    }
    return new Counts(
        rows,
        ledger.head().lastSeq(),
        vault.list().stream().map(VaultObject::toString).sorted().toList());
  }

  /**
   * Asserts nothing changed since {@code before}; after a modelled refusal ({@code
   * refusedInstance}) the instance's history rows are allowed.
   */
  void assertUnchanged(Counts before, boolean refusedInstance) {
    Counts after = counts();
    assertThat(ledger.verify().valid()).as("ledger valid").isTrue();
    assertThat(after.vaultObjects()).as("vault objects").isEqualTo(before.vaultObjects());
    ledger
        .entries(new io.keyflow.ledger.LedgerQuery(null, null, before.ledgerLength() + 1, 1000))
        .forEach(
            entry ->
                assertThat(entry.action())
                    .as("new ledger entry " + entry.seq())
                    .endsWith("_REFUSED"));
    for (Map.Entry<String, Long> table : before.rows().entrySet()) {
      if (refusedInstance && HISTORY_TABLES.contains(table.getKey())) {
        continue;
      }
      assertThat(after.rows().get(table.getKey()))
          .as("rows in " + table.getKey())
          .isEqualTo(table.getValue());
    }
    if (!refusedInstance) {
      assertThat(after.ledgerLength()).as("ledger length").isEqualTo(before.ledgerLength());
    }
  }
}
