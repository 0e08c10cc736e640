package io.keyflow.compliance;

import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerVerification;
import io.keyflow.ledger.details.KeyStorageAttested;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The dashboard summary: the ledger's verdict, keys by state, overdue rotations, the last
 * attestation.
 */
@Service
class ComplianceDashboard {

  private final ComplianceSources sources;

  ComplianceDashboard(ComplianceSources sources) {
    this.sources = sources;
  }

  public DashboardSummary summary() {
    ComplianceSnapshot snapshot = sources.snapshot();
    Instant now = snapshot.now();
    Map<String, Long> byState = new TreeMap<>();
    snapshot
        .keys()
        .forEach(
            k ->
                byState.merge(
                    k.primary().map(v -> v.state().name()).orElse("NONE"), 1L, Long::sum));
    List<String> overdue =
        snapshot.keys().stream()
            .filter(k -> KeyInventory.overdue(k, now))
            .sorted(
                (a, b) ->
                    a.primary()
                        .orElseThrow()
                        .protectStopAt()
                        .compareTo(b.primary().orElseThrow().protectStopAt()))
            .map(k -> k.key().alias())
            .toList();
    LedgerEntry[] attested = new LedgerEntry[1];
    sources.read(
        1,
        entry -> {
          if (entry.is(LedgerAction.KEY_STORAGE_ATTESTED)) {
            attested[0] = entry;
          }
        });
    DashboardSummary.Attestation last =
        attested[0] == null ? null : attestation(LedgerFact.of(attested[0]), now);
    return new DashboardSummary(
        now, ledger(snapshot), snapshot.keys().size(), byState, overdue, last);
  }

  private static DashboardSummary.LedgerStatus ledger(ComplianceSnapshot snapshot) {
    LedgerVerification chain = snapshot.chain();
    CheckpointVerification signed = snapshot.checkpointVerification();
    LedgerCheckpoint last = snapshot.lastCheckpoint().orElse(null);
    return new DashboardSummary.LedgerStatus(
        chain.valid() && signed.valid(),
        chain.entries(),
        !chain.valid() ? chain.firstInvalidSequence() : signed.firstInvalidCheckpoint(),
        !chain.valid() ? chain.reason() : signed.reason(),
        signed.checkpoints(),
        last == null ? null : last.seq(),
        last == null ? null : last.signedAt(),
        last == null ? null : Duration.between(last.signedAt(), snapshot.now()).toMinutes());
  }

  private static DashboardSummary.Attestation attestation(LedgerFact f, Instant now) {
    KeyStorageAttested attested = f.details(KeyStorageAttested.class);
    return new DashboardSummary.Attestation(
        f.seq(),
        f.entry().recordedAt(),
        f.entry().actor(),
        attested.findingCount() == null ? null : attested.findingCount().toString(),
        attested.driftCount() == null ? null : attested.driftCount().toString(),
        Duration.between(f.entry().recordedAt(), now).toDays(),
        f.entry().processInstanceId());
  }
}
