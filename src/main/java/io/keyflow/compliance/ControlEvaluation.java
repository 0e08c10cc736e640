package io.keyflow.compliance;

import io.keyflow.key.KeyPolicies;
import io.keyflow.ledger.CheckpointVerification;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.LedgerSettings;
import io.keyflow.ledger.LedgerVerification;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Evaluates the {@link Control catalogue}'s live controls against the inventory and one read of the
 * ledger: 4.1 policy algorithms and HSM origin, 4.2 distribution over mutual TLS, 4.3 storage
 * attestation, 4.4 crypto-periods, 4.5 destruction under dual control, 6 ledger integrity and
 * checkpoints, 8 separation of duties. Each {@link ControlResult} carries the rows that prove it
 * and their ledger sequences. Cockpit's Controls page shows the report; the evidence pack gathers
 * its records in the same pass over the ledger and prints the same report. Read-only.
 */
@Service
public class ControlEvaluation {

  private final ComplianceSources sources;
  private final KeyPolicies policies;
  private final ComplianceSettings settings;
  private final LedgerSettings ledger;

  ControlEvaluation(
      ComplianceSources sources,
      KeyPolicies policies,
      ComplianceSettings settings,
      LedgerSettings ledger) {
    this.sources = sources;
    this.policies = policies;
    this.settings = settings;
    this.ledger = ledger;
  }

  /** Every live control, evaluated now over every key and the whole ledger. */
  public ControlsReport evaluate() {
    return evaluate(sources.snapshot(), null, entry -> {});
  }

  /**
   * Every live control, evaluated now in one pass over the ledger, which also hands each entry to
   * {@code alongside} (an evidence pack gathers its records from the same pass).
   *
   * @param alias the one key to evaluate (its inventory, its entries and those of no key), or null
   *     for every key
   * @param chain the ledger's verification as the caller made it
   * @param signed the checkpoints' verification as the caller made it
   * @param alongside given every entry of the ledger, in sequence order
   */
  public ControlsReport evaluate(
      String alias,
      LedgerVerification chain,
      CheckpointVerification signed,
      Consumer<LedgerEntry> alongside) {
    return evaluate(sources.snapshot(alias, chain, signed), alias, alongside);
  }

  private ControlsReport evaluate(
      ComplianceSnapshot snapshot, String alias, Consumer<LedgerEntry> alongside) {
    List<ControlRule> rules =
        Control.evaluatedInProcedureOrder().stream().map(c -> rule(c, snapshot)).toList();
    sources.read(
        1,
        entry -> {
          alongside.accept(entry);
          if (alias == null || entry.keyAlias() == null || alias.equals(entry.keyAlias())) {
            LedgerFact fact = LedgerFact.of(entry);
            rules.forEach(rule -> rule.read(fact));
          }
        });
    List<ControlResult> results = rules.stream().map(r -> r.evaluate(snapshot)).toList();
    boolean all = results.stream().allMatch(r -> r.verdict() == Verdict.PASS);
    return new ControlsReport(snapshot.now(), Verdict.of(all), results);
  }

  /** How each control is evaluated: its rule, made afresh for one evaluation. */
  private ControlRule rule(Control control, ComplianceSnapshot snapshot) {
    return switch (control) {
      case GENERATION -> new PolicyAndOriginRule(policies);
      case DISTRIBUTION -> new DistributionRule();
      case STORAGE -> new StorageAttestationRule(settings.attestationMaxAge());
      case ROTATION -> new CryptoPeriodRule();
      case DESTRUCTION -> new DestructionRule();
      case AUDIT_LOG ->
          new LedgerIntegrityRule(ledger.checkpointInterval(), snapshot.coveredSequence());
      case APPROVAL -> new SeparationOfDutiesRule();
      case POPULATION, COMPROMISE, CUSTODIANS ->
          throw new IllegalStateException(
              control.id() + " has no live rule: its records are its evidence");
    };
  }
}
