package io.keyflow.compliance;

import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.details.KeyStorageAttested;
import io.keyflow.ledger.details.KeyStorageDriftDetected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * 4.3: the last storage attestation is within its cycle, and it was clean or its findings were
 * attested by an officer; no drift found since is left unattested.
 */
final class StorageAttestationRule implements ControlRule {

  private final Duration maxAge;
  private LedgerFact last;

  /** Drift found since the last attestation. */
  private final List<LedgerFact> drifts = new ArrayList<>();

  /**
   * @param maxAge how old the last attestation may be: its cycle plus a margin
   */
  StorageAttestationRule(Duration maxAge) {
    this.maxAge = maxAge;
  }

  @Override
  public void read(LedgerFact fact) {
    if (fact.is(LedgerAction.KEY_STORAGE_ATTESTED)) {
      last = fact;
      drifts.clear();
    } else if (fact.is(LedgerAction.KEY_STORAGE_DRIFT_DETECTED)) {
      drifts.add(fact);
    }
  }

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    if (last == null) {
      return ControlResult.of(
          Control.STORAGE,
          Verdict.FAIL,
          "No storage attestation is recorded: start KeyStorageAttestation and have an officer attest it",
          List.of(
              ControlFinding.fail(
                  "storage", "no KEY_STORAGE_ATTESTED entry in the ledger", List.of())));
    }
    Instant at = last.entry().recordedAt();
    List<ControlFinding> findings = new ArrayList<>();
    String who =
        "attested by "
            + last.entry().actor()
            + " on "
            + Texts.time(at)
            + " ("
            + Texts.duration(Duration.between(at, snapshot.now()))
            + " ago)";
    if (Duration.between(at, snapshot.now()).compareTo(maxAge) > 0) {
      findings.add(
          ControlFinding.fail(
              "last attestation",
              who + ", older than its cycle of " + Texts.duration(maxAge),
              List.of(last.seq())));
    } else {
      findings.add(
          ControlFinding.pass(
              "last attestation", who + ": " + describe(last), List.of(last.seq())));
    }
    for (LedgerFact drift : drifts) {
      findings.add(
          ControlFinding.fail(
              drift.entry().keyAlias() == null ? "storage" : drift.entry().keyAlias(),
              "drift found ("
                  + drift.details(KeyStorageDriftDetected.class).kind()
                  + ") after the last attestation and not yet attested",
              List.of(drift.seq())));
    }
    return ControlResult.of(
        Control.STORAGE,
        findings,
        "Last attestation " + Texts.time(at) + " by " + last.entry().actor());
  }

  private static String describe(LedgerFact attestation) {
    KeyStorageAttested attested = attestation.details(KeyStorageAttested.class);
    Integer findings = attested.findingCount();
    Integer drift = attested.driftCount();
    if (Integer.valueOf(0).equals(drift) && (findings == null || findings == 0)) {
      return "clean";
    }
    return findings + " findings (" + drift + " drift) reviewed and attested";
  }
}
