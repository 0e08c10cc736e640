package io.keyflow.compliance;

import io.keyflow.key.KeyPolicies;
import io.keyflow.ledger.LedgerSettings;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Evaluates the procedure's controls live against the inventory and the ledger: 4.1 policy
 * algorithms and HSM origin, 4.2 distribution over mutual TLS, 4.3 storage attestation, 4.4
 * crypto-periods, 4.5 destruction under dual control, 6 ledger integrity and checkpoints, 8
 * separation of duties. Each {@link ControlResult} carries the rows that prove it and their ledger
 * sequences, so the same report serves the Cockpit Controls page and an evidence pack. Read-only.
 */
@Service
class ControlEvaluation {

  private final ComplianceSources sources;
  private final List<Control> controls;

  ControlEvaluation(
      ComplianceSources sources,
      KeyPolicies policies,
      ComplianceSettings settings,
      LedgerSettings ledger) {
    this.sources = sources;
    this.controls =
        List.of(
            new PolicyAndOriginControl(policies),
            new DistributionControl(),
            new StorageAttestationControl(settings.attestationMaxAge()),
            new CryptoPeriodControl(),
            new DestructionControl(),
            new LedgerIntegrityControl(ledger.checkpointInterval()),
            new SeparationOfDutiesControl());
  }

  /** Every control, evaluated now. */
  public ControlsReport evaluate() {
    ComplianceSnapshot snapshot = sources.snapshot();
    List<ControlResult> results = controls.stream().map(c -> c.evaluate(snapshot)).toList();
    boolean all = results.stream().allMatch(r -> r.verdict() == Verdict.PASS);
    return new ControlsReport(snapshot.now(), Verdict.of(all), results);
  }
}
