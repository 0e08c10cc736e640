package io.keyflow.evidence;

import io.keyflow.compliance.Control;
import java.util.List;

/**
 * The pack's part of the control catalogue: the tables whose records evidence each control. The
 * ledger actions that feed each table are chosen in {@link LedgerExtraction}.
 */
final class ControlTables {

  private ControlTables() {}

  /** The control's tables, empty for the audit log (the ledger verdict is its evidence). */
  static List<EvidenceTable> of(Control control) {
    return switch (control) {
      case POPULATION -> List.of(EvidenceTable.INVENTORY);
      case GENERATION -> List.of(EvidenceTable.GENERATIONS);
      case DISTRIBUTION -> List.of(EvidenceTable.DISTRIBUTIONS);
      case STORAGE -> List.of(EvidenceTable.ATTESTATIONS);
      case ROTATION -> List.of(EvidenceTable.ROTATIONS);
      case DESTRUCTION -> List.of(EvidenceTable.DESTRUCTIONS);
      case COMPROMISE -> List.of(EvidenceTable.COMPROMISES);
      case APPROVAL -> List.of(EvidenceTable.APPROVALS, EvidenceTable.REFUSALS);
      case CUSTODIANS -> List.of(EvidenceTable.ROLE_MEMBERSHIP, EvidenceTable.ACKNOWLEDGEMENTS);
      case AUDIT_LOG -> List.of();
    };
  }
}
