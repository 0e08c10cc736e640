package io.keyflow.compliance;

import io.keyflow.key.Algorithms;
import io.keyflow.key.KeyPolicies;
import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import java.util.ArrayList;
import java.util.List;

/**
 * 4.1: every live key version is of an algorithm its purpose's policy allows and was generated in
 * the HSM (CKA_LOCAL) as a sensitive object. A COMPROMISED version is contained, not in use, and
 * answered by 3.7.5 / the compromise lifecycle, so it is not judged here.
 */
final class PolicyAndOriginRule implements ControlRule {

  private final KeyPolicies policies;
  private final Creations creations = new Creations();

  PolicyAndOriginRule(KeyPolicies policies) {
    this.policies = policies;
  }

  @Override
  public void read(LedgerFact fact) {
    creations.read(fact);
  }

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    List<ControlFinding> findings = new ArrayList<>();
    for (KeyRecord record : snapshot.keys()) {
      ManagedKey key = record.key();
      boolean allowed = policies.forPurpose(key.purpose()).algorithms().contains(key.algorithm());
      for (KeyVersion v : record.versions()) {
        if (!v.state().isLive() || v.state() == KeyState.COMPROMISED) {
          continue;
        }
        List<String> broken = new ArrayList<>();
        if (!allowed) {
          broken.add(Algorithms.name(key.algorithm()) + " is not allowed for " + key.purpose());
        }
        if (!v.provenance().local()) {
          broken.add("not generated in the vault (CKA_LOCAL false)");
        }
        if (!v.provenance().sensitive()) {
          broken.add("not sensitive (CKA_SENSITIVE false)");
        }
        List<Long> seqs = creations.of(v);
        String subject = key.alias() + " v" + v.number();
        findings.add(
            broken.isEmpty()
                ? ControlFinding.pass(
                    subject,
                    Algorithms.name(key.algorithm())
                        + " is allowed for "
                        + key.purpose()
                        + "; generated in the "
                        + v.vaultBackend()
                        + " vault (CKA_LOCAL), sensitive, KCV "
                        + v.kcv(),
                    seqs)
                : ControlFinding.fail(subject, String.join("; ", broken), seqs));
      }
    }
    return ControlResult.of(
        Control.GENERATION,
        findings,
        Texts.count(findings.size(), "live key version")
            + ": policy algorithms, generated in the HSM, sensitive");
  }
}
