package io.keyflow.compliance;

import java.util.List;

/**
 * One row of proof for a control: a statement about one subject (a key version, a package, an
 * approval, an attestation, the ledger), whether it satisfies the control, and the ledger entries
 * that show it.
 *
 * @param subject what the row is about, e.g. {@code orders-db v2} or {@code package 3f2c…}
 * @param holds whether this subject satisfies the control
 * @param statement the fact in one sentence, e.g. "AES-256 is allowed for DATA_AT_REST; generated
 *     in the HSM (CKA_LOCAL), sensitive"
 * @param ledgerSequences the ledger entries that record the fact, oldest first (may be empty when
 *     the fact comes from the inventory alone)
 */
public record ControlFinding(
    String subject, boolean holds, String statement, List<Long> ledgerSequences) {

  public ControlFinding {
    ledgerSequences = List.copyOf(ledgerSequences);
  }

  static ControlFinding pass(String subject, String statement, List<Long> sequences) {
    return new ControlFinding(subject, true, statement, sequences);
  }

  static ControlFinding fail(String subject, String statement, List<Long> sequences) {
    return new ControlFinding(subject, false, statement, sequences);
  }
}
