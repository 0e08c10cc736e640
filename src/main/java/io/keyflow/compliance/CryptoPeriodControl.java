package io.keyflow.compliance;

import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** 4.4: no ACTIVE key version is past its crypto-period (its protect-stop). */
final class CryptoPeriodControl implements Control {

  @Override
  public ControlResult evaluate(ComplianceSnapshot snapshot) {
    Map<String, LedgerFact> creations = snapshot.creations();
    List<ControlFinding> findings = new ArrayList<>();
    for (KeyRecord record : snapshot.keys()) {
      for (KeyVersion v : record.versions()) {
        if (v.state() != KeyState.ACTIVE || v.protectStopAt() == null) {
          continue;
        }
        LedgerFact created = creations.get(v.id().toString());
        List<Long> seqs = created == null ? List.of() : List.of(created.seq());
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
        "4.4",
        "No active key is past its crypto-period",
        findings,
        Texts.count(findings.size(), "active version") + ", all within their crypto-period");
  }
}
