package io.keyflow.compliance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The control catalogue: every control of the key lifecycle, with the requirements it answers (SOC
 * 2, PCI DSS v4.0, NIST SP 800-57, ISO/IEC 27001), the OP-PROC-001 steps it implements and, for the
 * controls judged live, the procedure section whose rule {@link ControlEvaluation} checks and what
 * that rule demands. Cockpit's Controls page and the evidence pack both render this list and the
 * one evaluation of it; the pack adds the tables whose records evidence each control.
 *
 * <p>Ids ({@code KF-…}) appear in evidence packs already issued and in their exceptions: a control
 * may be added, never renamed. A control without a section has no live rule; its records and the
 * pack's exceptions are its evidence.
 */
public enum Control {
  POPULATION(
      "KF-INV",
      "Key inventory and crypto-periods",
      null,
      null,
      List.of(
          "PCI DSS v4.0 3.6.1",
          "PCI DSS v4.0 3.6.1.1 (algorithm, strength, purpose, expiry, where stored)",
          "PCI DSS v4.0 3.7.4",
          "NIST SP 800-57 Part 1 key states and transition dates",
          "ISO/IEC 27001:2022 A.8.24",
          "SOC 2 CC6.1"),
      List.of("4.3.1", "4.4.1")),
  GENERATION(
      "KF-GEN",
      "Key generation in the HSM",
      "4.1",
      "Every live key is of a policy algorithm and was generated in the HSM, sensitive",
      List.of(
          "PCI DSS v4.0 3.7.1",
          "PCI DSS v4.0 3.6.1",
          "NIST SP 800-57 Part 1 pre-activation to active",
          "ISO/IEC 27001:2022 A.8.24",
          "SOC 2 CC6.1"),
      List.of("4.1.1", "4.1.2", "4.1.3")),
  DISTRIBUTION(
      "KF-DIST",
      "Key distribution over mutually authenticated TLS",
      "4.2",
      "Every distribution was wrapped and picked up over mutual TLS; none expired unnoticed",
      List.of("PCI DSS v4.0 3.7.2", "SOC 2 CC6.7", "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.2.1", "4.2.2", "4.2.3")),
  STORAGE(
      "KF-STO",
      "Secure key storage, reconciled and attested",
      "4.3",
      "The last storage attestation is within its cycle and clean or its findings attested",
      List.of(
          "PCI DSS v4.0 3.7.3", "PCI DSS v4.0 3.6.1.2", "SOC 2 CC6.1", "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.3.1", "4.3.2", "4.3.3")),
  ROTATION(
      "KF-ROT",
      "Rotation at the end of the crypto-period",
      "4.4",
      "No active key is past its crypto-period",
      List.of(
          "PCI DSS v4.0 3.7.4",
          "NIST SP 800-57 Part 1 active to deactivated",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.4.1", "4.4.2", "4.4.3", "4.4.4")),
  DESTRUCTION(
      "KF-DES",
      "Retirement and destruction",
      "4.5",
      "Every destruction after retention, with two distinct approvers, neither the requester",
      List.of(
          "PCI DSS v4.0 3.7.5",
          "NIST SP 800-57 Part 1 deactivated to destroyed",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.5.1", "4.5.2", "4.5.3")),
  COMPROMISE(
      "KF-CMP",
      "Compromised keys: containment, replacement, decrypt exceptions",
      null,
      null,
      List.of(
          "PCI DSS v4.0 3.7.5 (retirement or replacement of keys suspected or known to be compromised)",
          "NIST SP 800-57 Part 1 compromised state",
          "SOC 2 CC7.3",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.4.2", "4.4.3", "4.4.4", "4.5.2", "4.5.3")),
  APPROVAL(
      "KF-APR",
      "Officer approval, four-eyes and dual control",
      "8",
      "No approval by its requester; every approver in the officer group",
      List.of(
          "PCI DSS v4.0 3.7.6 (dual control)",
          "PCI DSS v4.0 3.7.7 (no unauthorized substitution)",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.1.1", "4.2.1", "4.4.2", "4.5.1")),
  CUSTODIANS(
      "KF-CUS",
      "Key custodians: fewest people, acknowledged responsibilities",
      null,
      null,
      List.of(
          "PCI DSS v4.0 3.6.1.3 (fewest custodians)",
          "PCI DSS v4.0 3.7.8 (custodian acknowledgement)",
          "SOC 2 CC6.1"),
      List.of("4.3.2", "8")),
  AUDIT_LOG(
      "KF-LOG",
      "Tamper-evident audit log of every lifecycle action",
      "6",
      "The ledger verifies and a checkpoint was signed within the interval",
      List.of(
          "SOC 2 CC6.7 (retained log of transmission and lifecycle)",
          "SOC 2 CC6.1",
          "ISO/IEC 27001:2022 A.8.24"),
      List.of("4.1.3", "4.2.3", "4.4.4", "4.5.3", "6"));

  private final String id;
  private final String title;
  private final String section;
  private final String demand;
  private final List<String> requirements;
  private final List<String> procedureSteps;

  Control(
      String id,
      String title,
      String section,
      String demand,
      List<String> requirements,
      List<String> procedureSteps) {
    this.id = id;
    this.title = title;
    this.section = section;
    this.demand = demand;
    this.requirements = requirements;
    this.procedureSteps = procedureSteps;
  }

  /** The catalogue id, e.g. {@code KF-ROT}. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /**
   * The OP-PROC-001 section whose rule is evaluated live, e.g. {@code 4.4}: the id the Controls
   * page shows. Null for a control judged from its records alone.
   */
  public String section() {
    return section;
  }

  /** What the live rule demands, in one line; null when there is none. */
  public String demand() {
    return demand;
  }

  public boolean evaluatedLive() {
    return section != null;
  }

  public List<String> requirements() {
    return requirements;
  }

  /** OP-PROC-001 step numbers, e.g. {@code 4.1.2} for section 4.1 step 2. */
  public List<String> procedureSteps() {
    return procedureSteps;
  }

  /** The controls judged live, in the procedure's order (4.1, 4.2, 4.3, 4.4, 4.5, 6, 8). */
  static List<Control> evaluatedInProcedureOrder() {
    return Arrays.stream(values())
        .filter(Control::evaluatedLive)
        .sorted(Comparator.comparing(Control::section, Control::compareSections))
        .toList();
  }

  private static int compareSections(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
