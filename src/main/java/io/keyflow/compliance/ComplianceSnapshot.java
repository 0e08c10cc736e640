package io.keyflow.compliance;

import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerVerification;
import java.time.Instant;
import java.util.ArrayList;
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
  List<LedgerFact> withAction(String... actions) {
    Set<String> wanted = Set.of(actions);
    return ledger.stream().filter(f -> wanted.contains(f.action())).toList();
  }

  /**
   * By version id, the entry that created the version: its KEY_GENERATED, or the KEY_ROTATED that
   * made it.
   */
  Map<String, LedgerFact> creations() {
    Map<String, LedgerFact> created = new LinkedHashMap<>();
    for (LedgerFact f : ledger) {
      if (f.is("KEY_GENERATED") && f.entry().versionId() != null) {
        created.putIfAbsent(f.entry().versionId(), f);
      } else if (f.is("KEY_ROTATED") && f.text("newVersionId") != null) {
        created.putIfAbsent(f.text("newVersionId"), f);
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
