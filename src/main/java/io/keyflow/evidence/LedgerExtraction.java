package io.keyflow.evidence;

import io.keyflow.compliance.Control;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.CampaignStep;
import io.keyflow.ledger.details.LedgerDetails;
import io.keyflow.ledger.details.OfficerDecision;
import io.keyflow.ledger.details.RequestRefused;
import io.keyflow.ledger.details.RoleMembershipChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns ledger entries, read one at a time in sequence order, into the pack's records: which ledger
 * action feeds which table, and which entries are exceptions. Entries before the period are read
 * too, only to cite the request of a decision taken in the period and to know each custodian's last
 * acknowledgement; only entries in the period become records.
 */
final class LedgerExtraction {

  /** Actions that concern no single key but belong in a pack about one key too. */
  private static final Set<LedgerAction> KEYLESS =
      EnumSet.of(
          LedgerAction.KEY_STORAGE_ATTESTED,
          LedgerAction.KEY_STORAGE_DRIFT_DETECTED,
          LedgerAction.CUSTODIAN_ACKNOWLEDGED,
          LedgerAction.ROLE_MEMBERSHIP_CHANGED);

  private final EvidencePeriod period;
  private final String alias;
  private final Duration escalation;
  private final TableFiles tables;
  private final ExceptionLog exceptions;

  /** Sequences and request time of each process instance still open, to cite with its outcome. */
  private final Map<String, Open> open = new HashMap<>();

  /** In-period sequences per key version id, for the inventory. */
  private final Map<String, StringBuilder> versionSequences = new HashMap<>();

  /** Each custodian's latest acknowledgement before the end of the period. */
  private final Map<String, Instant> lastAcknowledged = new HashMap<>();

  /** When the custodian sweep first saw each member in a group, before the end of the period. */
  private final Map<String, Instant> firstSeen = new HashMap<>();

  private long inPeriod;
  private long lastSequenceInPeriod;
  private long[] sequencesInPeriod = new long[1024];

  LedgerExtraction(
      EvidencePeriod period,
      String alias,
      Duration escalation,
      TableFiles tables,
      ExceptionLog exceptions) {
    this.period = period;
    this.alias = alias;
    this.escalation = escalation;
    this.tables = tables;
    this.exceptions = exceptions;
  }

  void accept(LedgerEntry entry) {
    if (entry.recordedAt() == null
        || !entry.recordedAt().isBefore(period.end())
        || !inScope(entry)) {
      return;
    }
    LedgerAction action = entry.kind();
    LedgerDetails d = entry.detailsOrEmpty();
    if (action == LedgerAction.CUSTODIAN_ACKNOWLEDGED) {
      lastAcknowledged.put(entry.actor(), entry.recordedAt());
    }
    if (action == LedgerAction.ROLE_MEMBERSHIP_CHANGED) {
      List<String> added = ((RoleMembershipChanged) d).added();
      if (added != null) {
        added.forEach(m -> firstSeen.putIfAbsent(m, entry.recordedAt()));
      }
    }
    String cited = track(entry);
    if (!period.contains(entry.recordedAt())) {
      return;
    }
    if (inPeriod == sequencesInPeriod.length) {
      sequencesInPeriod = java.util.Arrays.copyOf(sequencesInPeriod, sequencesInPeriod.length * 2);
    }
    sequencesInPeriod[(int) inPeriod] = entry.seq();
    inPeriod++;
    lastSequenceInPeriod = entry.seq();
    if (entry.versionId() != null) {
      versionSequences
          .computeIfAbsent(entry.versionId(), v -> new StringBuilder())
          .append(entry.seq())
          .append(' ');
    }
    if (d instanceof CampaignStep step && step.byCampaign()) {
      // A key rotated or destroyed by a campaign: its proof includes the campaign's request and
      // approvals.
      StringBuilder campaign = new StringBuilder(step.campaignRequestSeq().toString());
      if (step.campaignApprovalSeqs() != null) {
        step.campaignApprovalSeqs().forEach(seq -> campaign.append(' ').append(seq));
      }
      cited = campaign + " " + cited;
    }
    if (action == null) {
      // An unknown action (a row altered by hand): the ledger verdict reports it.
      return;
    }
    if (action == LedgerAction.KEY_COMPROMISE_CONFIRMED
        || action == LedgerAction.KEY_COMPROMISE_DISMISSED) {
      approval(entry, (OfficerDecision) d, cited);
      LedgerRecords.record(entry, d, cited, tables, exceptions, versionSequences);
    } else if (action.isDecision()) {
      approval(entry, (OfficerDecision) d, cited);
    } else if (action.isRefusal()) {
      tables.add(
          EvidenceTable.REFUSALS,
          List.of(
              time(entry),
              phase(action),
              text(entry.keyAlias()),
              entry.actor(),
              text(((RequestRefused) d).reason()),
              cited));
    } else {
      LedgerRecords.record(entry, d, cited, tables, exceptions, versionSequences);
    }
  }

  long entriesInPeriod() {
    return inPeriod;
  }

  /** The last sequence recorded in the period, 0 when none. */
  /** The sequences of the period's entries, ascending: each gets its inclusion proof. */
  long[] sequencesInPeriod() {
    return java.util.Arrays.copyOf(sequencesInPeriod, (int) inPeriod);
  }

  long lastSequenceInPeriod() {
    return lastSequenceInPeriod;
  }

  /** The in-period ledger sequences of a key version, space separated ({@code ""} when none). */
  String sequencesOf(String versionId) {
    StringBuilder seqs = versionSequences.get(versionId);
    return seqs == null ? "" : seqs.toString().strip();
  }

  Map<String, Instant> lastAcknowledged() {
    return lastAcknowledged;
  }

  /** When the custodian sweep first recorded each user as a member of a recorded group. */
  Map<String, Instant> firstSeen() {
    return firstSeen;
  }

  private boolean inScope(LedgerEntry entry) {
    return alias == null
        || alias.equals(entry.keyAlias())
        || (entry.keyAlias() == null && entry.kind() != null && KEYLESS.contains(entry.kind()));
  }

  /** Records the entry with its process instance and returns the sequences to cite for it. */
  private String track(LedgerEntry entry) {
    String pid = entry.processInstanceId();
    if (pid == null) {
      return Long.toString(entry.seq());
    }
    Open state = open.computeIfAbsent(pid, p -> new Open(entry.recordedAt()));
    state.sequences.append(state.sequences.isEmpty() ? "" : " ").append(entry.seq());
    String cited = state.sequences.toString();
    if (entry.kind() != null && LedgerRecords.ends(entry.kind())) {
      open.remove(pid);
    }
    return cited;
  }

  private void approval(LedgerEntry entry, OfficerDecision d, String cited) {
    LedgerAction action = entry.kind();
    String phase = phase(action);
    String requestedBy = text(d.requestedBy());
    boolean fourEyes = requestedBy.isEmpty() || !requestedBy.equals(entry.actor());
    Open state = entry.processInstanceId() == null ? null : open.get(entry.processInstanceId());
    Instant requestedAt = state == null ? entry.recordedAt() : state.requestedAt;
    Duration waited = Duration.between(requestedAt, entry.recordedAt());
    tables.add(
        EvidenceTable.APPROVALS,
        List.of(
            time(entry),
            phase,
            action.verb(),
            text(entry.keyAlias()),
            entry.actor(),
            requestedBy,
            fourEyes ? "yes" : "NO",
            waited(waited),
            text(d.comment()),
            text(entry.processInstanceId()),
            cited));
    if (!fourEyes) {
      exceptions.add(
          ExceptionKind.SELF_APPROVAL,
          entry,
          "The requester " + requestedBy + " decided their own " + phase + " request",
          cited,
          Control.APPROVAL);
    }
    if (waited.compareTo(escalation) > 0) {
      exceptions.add(
          ExceptionKind.APPROVAL_BEYOND_ESCALATION,
          entry,
          "The "
              + phase
              + " decision came "
              + waited(waited)
              + " after the request, beyond the escalation time of "
              + waited(escalation),
          cited,
          Control.APPROVAL);
    }
  }

  static String time(LedgerEntry entry) {
    return entry.recordedAt().toString();
  }

  /** A recorded value as a table cell: empty when absent, a list's items comma-separated. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      StringBuilder joined = new StringBuilder();
      list.forEach(v -> joined.append(joined.isEmpty() ? "" : ", ").append(v));
      return joined.toString();
    }
    return value.toString();
  }

  /** The phase an action belongs to, e.g. {@code rotation_campaign}, for the tables. */
  private static String phase(LedgerAction action) {
    return action.noun().toLowerCase();
  }

  static String waited(Duration duration) {
    long hours = duration.toHours();
    return hours >= 48
        ? duration.toDays() + " days"
        : hours >= 1 ? hours + " h" : duration.toMinutes() + " min";
  }

  private static final class Open {
    final Instant requestedAt;
    final StringBuilder sequences = new StringBuilder();

    Open(Instant requestedAt) {
      this.requestedAt = requestedAt;
    }
  }
}
