package io.keyflow.bench;

import io.keyflow.ledger.CanonicalForm;
import io.keyflow.ledger.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Appends a valid continuation of the hash chain straight into PostgreSQL with COPY (the ledger's
 * own append, one row lock per entry, would take hours for a million entries). Holds the head's
 * lock while it writes, so the chain stays one chain.
 */
final class LedgerSeeder {

  private static final String[] ACTIONS = {
    "KEY_GENERATION_REQUESTED", "KEY_GENERATION_APPROVED", "KEY_GENERATED",
        "KEY_DISTRIBUTION_REQUESTED",
    "KEY_DISTRIBUTION_APPROVED", "KEY_WRAPPED", "KEY_DISTRIBUTED", "KEY_ROTATION_REQUESTED",
    "KEY_ROTATION_APPROVED", "KEY_ROTATED"
  };

  private LedgerSeeder() {}

  /** Appends {@code count} entries; returns the new head's sequence. */
  static long append(DataSource dataSource, int count) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      long seq;
      String prev;
      try (PreparedStatement lock =
              connection.prepareStatement(
                  "SELECT last_seq, last_hash FROM ledger_head WHERE id = 1 FOR UPDATE");
          ResultSet head = lock.executeQuery()) {
        head.next();
        seq = head.getLong(1);
        prev = head.getString(2);
      }
      CopyIn copy =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "COPY ledger_entry (seq, recorded_at, actor, action, key_id, key_alias, version_id, version_number,"
                      + " process_instance_id, details, prev_hash, hash) FROM STDIN WITH (FORMAT csv)");
      Instant start = Instant.parse("2026-01-02T00:00:00Z");
      StringBuilder rows = new StringBuilder(1 << 20);
      UUID keyId = null;
      for (int i = 0; i < count; i++) {
        if (i % ACTIONS.length == 0) {
          keyId = UUID.randomUUID();
        }
        int key = i / ACTIONS.length;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestedBy", "alice");
        details.put("approvedBy", List.of("bob"));
        details.put("recipient", "orders-app");
        details.put("tlsProtocol", "TLSv1.3");
        details.put("kcv", "a1b2c3");
        details.put("justification", "Encrypt the orders database, \"quoted\" part " + key);
        LedgerEntry entry =
            new LedgerEntry(
                ++seq,
                CanonicalForm.truncate(start.plusMillis(i * 1_001L)),
                i % 3 == 0 ? "bob" : "alice",
                ACTIONS[i % ACTIONS.length],
                keyId.toString(),
                "bench-" + key,
                UUID.randomUUID().toString(),
                1 + (i % 2),
                "pi-" + key,
                CanonicalForm.detailsJson(details),
                prev,
                null);
        String hash = CanonicalForm.hash(entry);
        csv(rows, entry, hash);
        prev = hash;
        if (rows.length() > (1 << 20) - 4096) {
          flush(copy, rows);
        }
      }
      flush(copy, rows);
      copy.endCopy();
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE ledger_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
        update.setLong(1, seq);
        update.setString(2, prev);
        update.executeUpdate();
      }
      connection.commit();
      return seq;
    }
  }

  private static void flush(CopyIn copy, StringBuilder rows) throws Exception {
    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    rows.setLength(0);
  }

  private static void csv(StringBuilder rows, LedgerEntry e, String hash) {
    rows.append(e.seq()).append(',');
    rows.append(OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC)).append(',');
    quoted(rows, e.actor()).append(',');
    quoted(rows, e.action()).append(',');
    quoted(rows, e.keyId()).append(',');
    quoted(rows, e.keyAlias()).append(',');
    quoted(rows, e.versionId()).append(',');
    rows.append(e.versionNumber()).append(',');
    quoted(rows, e.processInstanceId()).append(',');
    quoted(rows, e.detailsJson()).append(',');
    quoted(rows, e.prevHash()).append(',');
    quoted(rows, hash).append('\n');
  }

  private static StringBuilder quoted(StringBuilder rows, String value) {
    return rows.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
