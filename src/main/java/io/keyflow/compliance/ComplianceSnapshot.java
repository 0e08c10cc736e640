package io.keyflow.compliance;

import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerVerification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the controls are judged against besides the ledger's entries, read once before them: the
 * inventory, the ledger's verification and checkpoints, and who is an officer now. The entries
 * themselves go past the {@link ControlRule rules} one page at a time, so an evaluation never holds
 * the whole ledger.
 *
 * @param now the application clock's time (the demo clock moves it)
 */
record ComplianceSnapshot(
    Instant now,
    List<KeyRecord> keys,
    LedgerVerification chain,
    CheckpointVerification checkpointVerification,
    List<LedgerCheckpoint> checkpoints,
    Set<String> officers) {

  Optional<LedgerCheckpoint> lastCheckpoint() {
    return checkpoints.isEmpty()
        ? Optional.empty()
        : Optional.of(checkpoints.get(checkpoints.size() - 1));
  }

  /** The sequence the last signed checkpoint covers, 0 when none. */
  long coveredSequence() {
    return lastCheckpoint().map(LedgerCheckpoint::seq).orElse(0L);
  }
}
