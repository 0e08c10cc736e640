package io.keyflow.compliance;

import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** 4.4: no ACTIVE key version is past its crypto-period (its protect-stop). */
final class CryptoPeriodRule implements ControlRule {

  private final Creations creations = new Creations();

  @Override
  public void read(LedgerFact fact) {
    creations.read(fact);
  }

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    List<ControlFinding> findings = new ArrayList<>();
    for (KeyRecord record : snapshot.keys()) {
      for (KeyVersion v : record.versions()) {
        if (v.state() != KeyState.ACTIVE || v.protectStopAt() == null) {
          continue;
        }
        List<Long> seqs = creations.of(v);
        String subject = record.key().alias() + " v" + v.number();
        long days = Duration.between(snapshot.now(), v.protectStopAt()).toDays();
        findings.add(
            v.protectStopAt().isAfter(snapshot.now())
                ? ControlFinding.pass(
                    subject,
                    "ACTIVE; protect-stop "
                        + Texts.time(v.protectStopAt())
                        + ", in "
                        + Texts.count(days, "day"),
                    seqs)
                : ControlFinding.fail(
                    subject,
                    "ACTIVE "
                        + Texts.count(Math.max(1, -days), "day")
                        + " past its protect-stop "
                        + Texts.time(v.protectStopAt())
                        + ": rotate the key",
                    seqs));
      }
    }
    return ControlResult.of(
        Control.ROTATION,
        findings,
        Texts.count(findings.size(), "active version") + ", all within their crypto-period");
  }
}
