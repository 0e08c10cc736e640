package io.keyflow.compliance;

import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerVerification;
import io.keyflow.ledger.details.KeyRotated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the controls are evaluated against, read once: the inventory, every ledger entry, the
 * ledger's verification and checkpoints, and who is an officer now.
 *
 * @param now the application clock's time (the demo clock moves it)
 */
record ComplianceSnapshot(
    Instant now,
    List<KeyRecord> keys,
    List<LedgerFact> ledger,
    LedgerVerification chain,
    CheckpointVerification checkpointVerification,
    List<LedgerCheckpoint> checkpoints,
    Set<String> officers) {

  /** The entries of each process instance, in sequence order. */
  Map<String, List<LedgerFact>> byProcessInstance() {
    Map<String, List<LedgerFact>> grouped = new LinkedHashMap<>();
    for (LedgerFact fact : ledger) {
      if (fact.entry().processInstanceId() != null) {
        grouped
            .computeIfAbsent(fact.entry().processInstanceId(), id -> new ArrayList<>())
            .add(fact);
      }
    }
    return grouped;
  }

  /** Entries with one of the actions, in sequence order. */
  List<LedgerFact> withAction(LedgerAction first, LedgerAction... more) {
    Set<LedgerAction> wanted = EnumSet.of(first, more);
    return ledger.stream().filter(f -> f.kind() != null && wanted.contains(f.kind())).toList();
  }

  /**
   * By version id, the entry that created the version: its KEY_GENERATED, or the KEY_ROTATED that
   * made it.
   */
  Map<String, LedgerFact> creations() {
    Map<String, LedgerFact> created = new LinkedHashMap<>();
    for (LedgerFact f : ledger) {
      if (f.is(LedgerAction.KEY_GENERATED) && f.entry().versionId() != null) {
        created.putIfAbsent(f.entry().versionId(), f);
      } else if (f.is(LedgerAction.KEY_ROTATED)
          && f.details(KeyRotated.class).newVersionId() != null) {
        created.putIfAbsent(f.details(KeyRotated.class).newVersionId(), f);
      }
    }
    return created;
  }

  Optional<LedgerCheckpoint> lastCheckpoint() {
    return checkpoints.isEmpty()
        ? Optional.empty()
        : Optional.of(checkpoints.get(checkpoints.size() - 1));
  }
}
