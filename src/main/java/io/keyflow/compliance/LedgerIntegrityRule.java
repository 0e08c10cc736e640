package io.keyflow.compliance;

import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerCheckpoint;
import io.keyflow.ledger.LedgerVerification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 6: the ledger's hash chain and every signed checkpoint verify, and a checkpoint was signed within
 * the interval: no entry has waited longer than the checkpoint interval (plus a margin for the run
 * itself) without being covered by a signed checkpoint.
 */
final class LedgerIntegrityRule implements ControlRule {

  private static final Duration MARGIN = Duration.ofMinutes(5);

  private final Duration interval;
  private final long covered;

  /** The oldest entry that no signed checkpoint covers, null while none is read. */
  private LedgerFact oldestUnsigned;

  /**
   * @param covered the sequence the last signed checkpoint covers (0 when none), as the snapshot
   *     the rule is evaluated with has it
   */
  LedgerIntegrityRule(Duration interval, long covered) {
    this.interval = interval;
    this.covered = covered;
  }

  @Override
  public void read(LedgerFact fact) {
    if (oldestUnsigned == null && fact.seq() > covered) {
      oldestUnsigned = fact;
    }
  }

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    List<ControlFinding> findings = new ArrayList<>();
    LedgerVerification chain = snapshot.chain();
    findings.add(
        chain.valid()
            ? ControlFinding.pass(
                "hash chain",
                Texts.count(chain.entries(), "entry", "entries") + " re-hash and link without gaps",
                List.of())
            : ControlFinding.fail(
                "hash chain",
                "invalid at sequence " + chain.firstInvalidSequence() + ": " + chain.reason(),
                chain.firstInvalidSequence() == null
                    ? List.of()
                    : List.of(chain.firstInvalidSequence())));
    CheckpointVerification signed = snapshot.checkpointVerification();
    findings.add(
        signed.valid()
            ? ControlFinding.pass(
                "checkpoints",
                Texts.count(signed.checkpoints(), "signed checkpoint")
                    + " verify with the audit key",
                signed.lastCheckpointSequence() == null
                    ? List.of()
                    : List.of(signed.lastCheckpointSequence()))
            : ControlFinding.fail(
                "checkpoints",
                "checkpoint at sequence "
                    + signed.firstInvalidCheckpoint()
                    + " fails: "
                    + signed.reason(),
                signed.firstInvalidCheckpoint() == null
                    ? List.of()
                    : List.of(signed.firstInvalidCheckpoint())));
    findings.add(freshness(snapshot));
    return ControlResult.of(
        Control.AUDIT_LOG,
        findings,
        "The ledger verifies; every entry older than "
            + interval
            + " is covered by a signed checkpoint");
  }

  private ControlFinding freshness(ComplianceSnapshot snapshot) {
    Optional<LedgerCheckpoint> last = snapshot.lastCheckpoint();
    String lastText =
        last.map(
                c ->
                    "last checkpoint at sequence "
                        + c.seq()
                        + ", signed "
                        + Texts.time(c.signedAt()))
            .orElse("no checkpoint yet");
    List<Long> seqs = last.map(c -> List.of(c.seq())).orElse(List.of());
    if (oldestUnsigned == null) {
      return ControlFinding.pass(
          "checkpoint interval", lastText + "; every entry is covered", seqs);
    }
    Duration waiting = Duration.between(oldestUnsigned.entry().recordedAt(), snapshot.now());
    String statement =
        lastText
            + "; entries from sequence "
            + oldestUnsigned.seq()
            + " unsigned for "
            + Texts.duration(waiting);
    List<Long> cited = new ArrayList<>(seqs);
    cited.add(oldestUnsigned.seq());
    return waiting.compareTo(interval.plus(MARGIN)) <= 0
        ? ControlFinding.pass(
            "checkpoint interval", statement + " (within the " + interval + " interval)", cited)
        : ControlFinding.fail(
            "checkpoint interval",
            statement + ", longer than the " + interval + " interval",
            cited);
  }
}
