package io.keyflow.evidence;

import java.util.List;

/**
 * The tables of an evidence pack: each is one CSV file ({@code csv/<file>.csv}), one array in
 * {@code evidence.json} and one table in {@code index.html}, with the same columns in the same
 * order. Every record table ends with {@code ledger_seq}: the ledger sequences that prove the row.
 */
enum EvidenceTable {
  INVENTORY(
      "inventory",
      "Key inventory: every key version that existed in the period",
      List.of(
          "alias",
          "key_id",
          "version",
          "version_id",
          "purpose",
          "algorithm",
          "strength_bits",
          "owner",
          "environment",
          "stored_in",
          "hsm_label",
          "kcv",
          "state_at_period_end",
          "state_now",
          "created",
          "activated",
          "protect_stop",
          "deactivated",
          "retain_until",
          "destroyed",
          "compromised",
          "requested_by",
          "approved_by",
          "ledger_seq")),
  GENERATIONS(
      "generations",
      "Key generations",
      List.of(
          "time",
          "alias",
          "version",
          "algorithm",
          "purpose",
          "stored_in",
          "hsm_label",
          "kcv",
          "never_extractable",
          "generated_in_device",
          "requested_by",
          "approved_by",
          "ledger_seq")),
  APPROVALS(
      "approvals",
      "Officer decisions",
      List.of(
          "time",
          "phase",
          "decision",
          "alias",
          "officer",
          "requested_by",
          "requester_is_not_officer",
          "waited",
          "comment",
          "process_instance",
          "ledger_seq")),
  REFUSALS(
      "refusals",
      "Requests refused by policy before any approval",
      List.of("time", "phase", "alias", "requested_by", "reason", "ledger_seq")),
  DISTRIBUTIONS(
      "distributions",
      "Key distributions",
      List.of(
          "time",
          "event",
          "alias",
          "version",
          "recipient",
          "mechanism",
          "tls_protocol",
          "tls_cipher_suite",
          "peer_certificate_sha256",
          "requested_by",
          "approved_by",
          "ledger_seq")),
  ROTATIONS(
      "rotations",
      "Key rotations",
      List.of(
          "time",
          "alias",
          "old_version",
          "new_version",
          "new_kcv",
          "old_deactivated",
          "old_retain_until",
          "requested_by",
          "approved_by",
          "reason",
          "ledger_seq")),
  DESTRUCTIONS(
      "destructions",
      "Key destructions",
      List.of(
          "time",
          "alias",
          "version",
          "previous_state",
          "kcv",
          "first_approver",
          "second_approver",
          "vault_object_destroyed",
          "verified_absent",
          "requested_by",
          "reason",
          "ledger_seq")),
  ATTESTATIONS(
      "attestations",
      "Storage attestations and findings",
      List.of(
          "time",
          "event",
          "attested_by",
          "vault",
          "findings",
          "drift",
          "finding",
          "alias",
          "comment",
          "ledger_seq")),
  ROLE_MEMBERSHIP(
      "role-membership",
      "Who holds the custodian and auditor roles",
      List.of("time", "group", "member", "source", "ledger_seq")),
  ACKNOWLEDGEMENTS(
      "acknowledgements",
      "Custodian acknowledgements (PCI DSS 3.7.8)",
      List.of("time", "custodian", "groups", "status", "due", "text_sha256", "ledger_seq")),
  COMPROMISES(
      "compromises",
      "Key compromises, containment and decrypt exceptions",
      List.of(
          "time",
          "event",
          "alias",
          "versions",
          "by",
          "recipient",
          "reason",
          "evidence",
          "approved_by",
          "until",
          "ledger_seq")),
  EXCEPTIONS(
      "exceptions",
      "Exceptions",
      List.of("kind", "time", "alias", "version", "description", "controls", "ledger_seq"));

  private final String file;
  private final String title;
  private final List<String> columns;

  EvidenceTable(String file, String title, List<String> columns) {
    this.file = file;
    this.title = title;
    this.columns = columns;
  }

  String file() {
    return file;
  }

  String title() {
    return title;
  }

  List<String> columns() {
    return columns;
  }
}
