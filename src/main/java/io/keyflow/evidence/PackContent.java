package io.keyflow.evidence;

import io.keyflow.compliance.Control;
import io.keyflow.compliance.ControlEvaluation;
import io.keyflow.compliance.ControlsReport;
import io.keyflow.key.Keys;
import io.keyflow.security.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers a pack's records into its working directory: one pass over the ledger in pages, which
 * also evaluates the live controls (the compliance module reads the ledger and hands each entry to
 * the pack's extraction), then the inventory, the role holders, custodian acknowledgements and
 * engine incidents.
 */
final class PackContent {

  /** Custodians acknowledge on joining and then at least this often (PCI DSS 3.7.8, yearly). */
  static final Duration ACKNOWLEDGEMENT_INTERVAL = Duration.ofDays(365);

  /**
   * A custodian the sweep saw join less than this long ago, with no acknowledgement yet, is pending
   * rather than overdue: the sweep has put the task in their Tasklist.
   */
  static final Duration ACKNOWLEDGEMENT_GRACE = Duration.ofDays(14);

  static final List<Role> CUSTODIAN_ROLES =
      List.of(Role.SECURITY_OFFICER, Role.SECURITY_ENGINEERING);

  private final ControlEvaluation controls;
  private final Keys keys;
  private final EngineFacts engine;
  private final Duration escalation;

  PackContent(ControlEvaluation controls, Keys keys, EngineFacts engine, Duration escalation) {
    this.controls = controls;
    this.keys = keys;
    this.engine = engine;
    this.escalation = escalation;
  }

  /**
   * What the gathering found, beyond the rows written.
   *
   * @param controls the live controls evaluated in the same pass over the ledger
   */
  record Gathered(
      TableFiles tables,
      ControlsReport controls,
      long entriesInPeriod,
      long lastSequenceInPeriod,
      long[] sequencesInPeriod,
      long keys,
      long versions,
      Map<EvidenceTable, Long> rows,
      Map<String, Long> exceptionsByKind,
      List<String> coverage) {}

  Gathered gather(
      Path workDir, EvidencePeriod period, String alias, Instant now, LedgerVerdict verdict)
      throws IOException {
    try (TableFiles tables = new TableFiles(workDir)) {
      ExceptionLog exceptions = new ExceptionLog(tables);
      ledgerExceptions(verdict, now, exceptions);
      LedgerExtraction extraction =
          new LedgerExtraction(period, alias, escalation, tables, exceptions);
      ControlsReport evaluated =
          controls.evaluate(alias, verdict.chain(), verdict.checkpoints(), extraction::accept);
      long[] population =
          new Population(keys).write(period, alias, now, extraction, tables, exceptions);
      roles(now, tables);
      acknowledgements(period, now, extraction, tables, exceptions);
      incidents(period, alias, exceptions);
      tables.close();
      Map<EvidenceTable, Long> rows = new EnumMap<>(EvidenceTable.class);
      for (EvidenceTable table : EvidenceTable.values()) {
        rows.put(table, tables.rows(table));
      }
      return new Gathered(
          tables,
          evaluated,
          extraction.entriesInPeriod(),
          extraction.lastSequenceInPeriod(),
          extraction.sequencesInPeriod(),
          population[1],
          population[0],
          rows,
          exceptions.countsByKind(),
          coverage());
    }
  }

  private static void ledgerExceptions(
      LedgerVerdict verdict, Instant now, ExceptionLog exceptions) {
    if (!verdict.chain().valid()) {
      exceptions.add(
          ExceptionKind.LEDGER_INVALID,
          now.toString(),
          null,
          "",
          "The hash chain breaks: " + verdict.chain().reason(),
          String.valueOf(verdict.chain().firstInvalidSequence()),
          Control.AUDIT_LOG);
    }
    if (!verdict.checkpoints().valid()) {
      exceptions.add(
          ExceptionKind.CHECKPOINT_INVALID,
          now.toString(),
          null,
          "",
          "A signed checkpoint fails: " + verdict.checkpoints().reason(),
          String.valueOf(verdict.checkpoints().firstInvalidCheckpoint()),
          Control.AUDIT_LOG);
    }
  }

  private void roles(Instant now, TableFiles tables) {
    for (Role role : List.of(Role.SECURITY_OFFICER, Role.SECURITY_ENGINEERING, Role.AUDITOR)) {
      for (String member : engine.members(role.groupId())) {
        tables.add(
            EvidenceTable.ROLE_MEMBERSHIP,
            List.of(
                now.toString(),
                role.groupId(),
                member,
                "member when the pack was made (Camunda identity)",
                ""));
      }
    }
  }

  private void acknowledgements(
      EvidencePeriod period,
      Instant now,
      LedgerExtraction extraction,
      TableFiles tables,
      ExceptionLog exceptions) {
    Instant asOf = period.end().isBefore(now) ? period.end() : now;
    Set<String> custodians = new LinkedHashSet<>();
    CUSTODIAN_ROLES.forEach(role -> custodians.addAll(engine.members(role.groupId())));
    for (String custodian : custodians) {
      Instant last = extraction.lastAcknowledged().get(custodian);
      if (last != null && last.plus(ACKNOWLEDGEMENT_INTERVAL).isAfter(asOf)) {
        continue;
      }
      Instant joined = extraction.firstSeen().get(custodian);
      if (last == null && joined != null && joined.plus(ACKNOWLEDGEMENT_GRACE).isAfter(asOf)) {
        tables.add(
            EvidenceTable.ACKNOWLEDGEMENTS,
            List.of(
                asOf.toString(),
                custodian,
                "",
                "PENDING (joined " + joined + ")",
                joined.plus(ACKNOWLEDGEMENT_GRACE).truncatedTo(ChronoUnit.SECONDS).toString(),
                "",
                ""));
        continue;
      }
      String due =
          last == null
              ? (joined == null
                  ? "on joining"
                  : joined.plus(ACKNOWLEDGEMENT_GRACE).truncatedTo(ChronoUnit.SECONDS).toString())
              : last.plus(ACKNOWLEDGEMENT_INTERVAL).truncatedTo(ChronoUnit.SECONDS).toString();
      tables.add(
          EvidenceTable.ACKNOWLEDGEMENTS,
          List.of(asOf.toString(), custodian, "", "OVERDUE", due, "", ""));
      exceptions.add(
          ExceptionKind.CUSTODIAN_ACKNOWLEDGEMENT_OVERDUE,
          asOf.toString(),
          null,
          "",
          custodian
              + (last == null
                  ? " holds a custodian role and has never acknowledged their responsibilities"
                  : " last acknowledged their responsibilities on "
                      + last
                      + ", more than a year before "
                      + asOf),
          "",
          Control.CUSTODIANS);
    }
  }

  private void incidents(EvidencePeriod period, String alias, ExceptionLog exceptions) {
    for (EngineFacts.Incident incident : engine.incidents(period.start(), period.end())) {
      if (alias != null && !alias.equals(incident.businessKey())) {
        continue;
      }
      exceptions.add(
          ExceptionKind.HSM_STEP_INCIDENT,
          incident.createdAt().toString(),
          incident.businessKey(),
          "",
          incident.processDefinitionKey()
              + " step "
              + incident.activityId()
              + " failed after its retries: "
              + incident.message()
              + (incident.resolvedAt() == null
                  ? " (still open)"
                  : " (resolved " + incident.resolvedAt() + ")")
              + "; process instance "
              + incident.processInstanceId()
              + " (engine history, not the ledger)",
          "",
          Control.AUDIT_LOG,
          Control.STORAGE);
    }
  }

  private static List<String> coverage() {
    List<String> notes = new ArrayList<>();
    notes.add(
        "Records come from the hash-chained ledger; each names the ledger sequences that prove it.");
    notes.add(
        "Role membership: the members listed as 'member when the pack was made' are read from Camunda identity"
            + " when the pack is made. Camunda keeps no history of group membership, so changes during the period are"
            + " those the daily custodian sweep saw and wrote to the ledger (ROLE_MEMBERSHIP_CHANGED); a member added and"
            + " removed between two sweeps does not appear.");
    notes.add(
        "Incidents of HSM steps come from the workflow engine's history, not from the ledger.");
    notes.add("Times are UTC; the period includes both of its days.");
    return notes;
  }
}
