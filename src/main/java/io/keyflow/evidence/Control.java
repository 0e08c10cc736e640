package io.keyflow.evidence;

import java.util.List;

/**
 * The control catalog of an evidence pack: each control names the requirements it answers, the
 * procedure steps (OP-PROC-001) it implements and the tables whose records evidence it. This is the
 * one place where requirement references are mapped to records; the ledger actions that feed each
 * table are chosen in {@link LedgerExtraction}.
 */
enum Control {
  POPULATION(
      "KF-INV",
      "Key inventory and crypto-periods",
      List.of(
          "PCI DSS v4.0 3.6.1",
          "PCI DSS v4.0 3.6.1.1 (algorithm, strength, purpose, expiry, where stored)",
          "PCI DSS v4.0 3.7.4",
          "NIST SP 800-57 Part 1 key states and transition dates",
          "ISO/IEC 27001:2022 A.8.24",
          "SOC 2 CC6.1"),
      List.of("4.3.1", "4.4.1"),
      List.of(EvidenceTable.INVENTORY)),
  GENERATION(
      "KF-GEN",
      "Key generation in the HSM",
      List.of(
          "PCI DSS v4.0 3.7.1",
          "PCI DSS v4.0 3.6.1",
          "NIST SP 800-57 Part 1 pre-activation to active",
          "ISO/IEC 27001:2022 A.8.24",
          "SOC 2 CC6.1"),
      List.of("4.1.1", "4.1.2", "4.1.3"),
      List.of(EvidenceTable.GENERATIONS)),
  DISTRIBUTION(
      "KF-DIST",
      "Key distribution over mutually authenticated TLS",
      List.of("PCI DSS v4.0 3.7.2", "SOC 2 CC6.7", "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.2.1", "4.2.2", "4.2.3"),
      List.of(EvidenceTable.DISTRIBUTIONS)),
  STORAGE(
      "KF-STO",
      "Secure key storage, reconciled and attested",
      List.of(
          "PCI DSS v4.0 3.7.3", "PCI DSS v4.0 3.6.1.2", "SOC 2 CC6.1", "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.3.1", "4.3.2", "4.3.3"),
      List.of(EvidenceTable.ATTESTATIONS)),
  ROTATION(
      "KF-ROT",
      "Rotation at the end of the crypto-period",
      List.of(
          "PCI DSS v4.0 3.7.4",
          "NIST SP 800-57 Part 1 active to deactivated",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.4.1", "4.4.2", "4.4.3", "4.4.4"),
      List.of(EvidenceTable.ROTATIONS)),
  DESTRUCTION(
      "KF-DES",
      "Retirement and destruction",
      List.of(
          "PCI DSS v4.0 3.7.5",
          "NIST SP 800-57 Part 1 deactivated to destroyed",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.5.1", "4.5.2", "4.5.3"),
      List.of(EvidenceTable.DESTRUCTIONS)),
  COMPROMISE(
      "KF-CMP",
      "Compromised keys: containment, replacement, decrypt exceptions",
      List.of(
          "PCI DSS v4.0 3.7.5 (retirement or replacement of keys suspected or known to be compromised)",
          "NIST SP 800-57 Part 1 compromised state",
          "SOC 2 CC7.3",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.4.2", "4.4.3", "4.4.4", "4.5.2", "4.5.3"),
      List.of(EvidenceTable.COMPROMISES)),
  APPROVAL(
      "KF-APR",
      "Officer approval, four-eyes and dual control",
      List.of(
          "PCI DSS v4.0 3.7.6 (dual control)",
          "PCI DSS v4.0 3.7.7 (no unauthorized substitution)",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.1.1", "4.2.1", "4.4.2", "4.5.1"),
      List.of(EvidenceTable.APPROVALS, EvidenceTable.REFUSALS)),
  CUSTODIANS(
      "KF-CUS",
      "Key custodians: fewest people, acknowledged responsibilities",
      List.of(
          "PCI DSS v4.0 3.6.1.3 (fewest custodians)",
          "PCI DSS v4.0 3.7.8 (custodian acknowledgement)",
          "SOC 2 CC6.1"),
      List.of("4.3.2", "8"),
      List.of(EvidenceTable.ROLE_MEMBERSHIP, EvidenceTable.ACKNOWLEDGEMENTS)),
  AUDIT_LOG(
      "KF-LOG",
      "Tamper-evident audit log of every lifecycle action",
      List.of(
          "SOC 2 CC6.7 (retained log of transmission and lifecycle)",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.1.3", "4.2.3", "4.4.4", "4.5.3", "6"),
      List.of());

  private final String id;
  private final String title;
  private final List<String> requirements;
  private final List<String> procedureSteps;
  private final List<EvidenceTable> tables;

  Control(
      String id,
      String title,
      List<String> requirements,
      List<String> procedureSteps,
      List<EvidenceTable> tables) {
    this.id = id;
    this.title = title;
    this.requirements = requirements;
    this.procedureSteps = procedureSteps;
    this.tables = tables;
  }

  String id() {
    return id;
  }

  String title() {
    return title;
  }

  List<String> requirements() {
    return requirements;
  }

  /** OP-PROC-001 step numbers, e.g. {@code 4.1.2} for section 4.1 step 2. */
  List<String> procedureSteps() {
    return procedureSteps;
  }

  List<EvidenceTable> tables() {
    return tables;
  }
}
