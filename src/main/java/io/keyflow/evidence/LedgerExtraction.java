package io.keyflow.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.ledger.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
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
  private static final Set<String> KEYLESS =
      Set.of(
          "KEY_STORAGE_ATTESTED",
          "KEY_STORAGE_DRIFT_DETECTED",
          "CUSTODIAN_ACKNOWLEDGED",
          "ROLE_MEMBERSHIP_CHANGED");

  private final EvidencePeriod period;
  private final String alias;
  private final Duration escalation;
  private final TableFiles tables;
  private final ExceptionLog exceptions;
  private final ObjectMapper json = new ObjectMapper();

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
    String action = entry.action();
    if ("CUSTODIAN_ACKNOWLEDGED".equals(action)) {
      lastAcknowledged.put(entry.actor(), entry.recordedAt());
    }
    if ("ROLE_MEMBERSHIP_CHANGED".equals(action)) {
      details(entry)
          .path("added")
          .forEach(m -> firstSeen.putIfAbsent(m.asText(), entry.recordedAt()));
    }
    String cited = track(entry);
    if (!period.contains(entry.recordedAt())) {
      return;
    }
    inPeriod++;
    lastSequenceInPeriod = entry.seq();
    if (entry.versionId() != null) {
      versionSequences
          .computeIfAbsent(entry.versionId(), v -> new StringBuilder())
          .append(entry.seq())
          .append(' ');
    }
    JsonNode d = details(entry);
    if (d.hasNonNull("campaign") && d.has("campaignRequestSeq")) {
      // A key rotated or destroyed by a campaign: its proof includes the campaign's request and
      // approvals.
      StringBuilder campaign = new StringBuilder(d.path("campaignRequestSeq").asText());
      d.path("campaignApprovalSeqs").forEach(seq -> campaign.append(' ').append(seq.asText()));
      cited = campaign + " " + cited;
    }
    if (action.endsWith("_APPROVED") || action.endsWith("_REJECTED")) {
      approval(entry, d, cited);
    } else if (action.equals("KEY_COMPROMISE_CONFIRMED")
        || action.equals("KEY_COMPROMISE_DISMISSED")) {
      approval(entry, d, cited);
      LedgerRecords.record(entry, d, cited, tables, exceptions, versionSequences);
    } else if (action.endsWith("_REFUSED")) {
      tables.add(
          EvidenceTable.REFUSALS,
          List.of(
              time(entry),
              phase(action, "_REFUSED"),
              text(entry.keyAlias()),
              entry.actor(),
              text(d, "reason"),
              cited));
    } else {
      LedgerRecords.record(entry, d, cited, tables, exceptions, versionSequences);
    }
  }

  long entriesInPeriod() {
    return inPeriod;
  }

  /** The last sequence recorded in the period, 0 when none. */
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
        || (entry.keyAlias() == null && KEYLESS.contains(entry.action()));
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
    if (LedgerRecords.ends(entry.action())) {
      open.remove(pid);
    }
    return cited;
  }

  private void approval(LedgerEntry entry, JsonNode d, String cited) {
    String action = entry.action();
    String suffix = action.substring(action.lastIndexOf('_'));
    String phase = phase(action, suffix);
    String requestedBy = text(d, "requestedBy");
    boolean fourEyes = requestedBy.isEmpty() || !requestedBy.equals(entry.actor());
    Open state = entry.processInstanceId() == null ? null : open.get(entry.processInstanceId());
    Instant requestedAt = state == null ? entry.recordedAt() : state.requestedAt;
    Duration waited = Duration.between(requestedAt, entry.recordedAt());
    tables.add(
        EvidenceTable.APPROVALS,
        List.of(
            time(entry),
            phase,
            suffix.substring(1),
            text(entry.keyAlias()),
            entry.actor(),
            requestedBy,
            fourEyes ? "yes" : "NO",
            waited(waited),
            text(d, "comment"),
            text(entry.processInstanceId()),
            cited));
    if (!fourEyes) {
      exceptions.add(
          "SELF_APPROVAL",
          entry,
          "The requester " + requestedBy + " decided their own " + phase + " request",
          cited,
          Control.APPROVAL);
    }
    if (waited.compareTo(escalation) > 0) {
      exceptions.add(
          "APPROVAL_BEYOND_ESCALATION",
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

  private JsonNode details(LedgerEntry entry) {
    try {
      return json.readTree(entry.detailsJson() == null ? "{}" : entry.detailsJson());
    } catch (java.io.IOException e) {
      // A tampered entry may no longer be JSON; the ledger verdict reports it, the record stays.
      return json.createObjectNode();
    }
  }

  static String time(LedgerEntry entry) {
    return entry.recordedAt().toString();
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  static String text(JsonNode details, String field) {
    JsonNode value = details.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isArray()) {
      StringBuilder joined = new StringBuilder();
      value.forEach(v -> joined.append(joined.isEmpty() ? "" : ", ").append(v.asText()));
      return joined.toString();
    }
    return value.asText();
  }

  private static String phase(String action, String suffix) {
    return action.substring(0, action.length() - suffix.length()).replace("KEY_", "").toLowerCase();
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
