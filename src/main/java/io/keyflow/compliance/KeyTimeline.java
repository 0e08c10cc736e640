package io.keyflow.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.key.Keys;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.shared.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Everything that happened to one key, oldest first, from the ledger: the request, each decision,
 * generation, distributions with their TLS receipts, rotations, drift and destruction, plus the
 * storage attestations made while the key existed. Each event names its ledger sequence and the
 * process instance that did it.
 */
@Service
class KeyTimeline {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Keys keys;
  private final Ledger ledger;
  private final ComplianceSources sources;

  KeyTimeline(Keys keys, Ledger ledger, ComplianceSources sources) {
    this.keys = keys;
    this.ledger = ledger;
    this.sources = sources;
  }

  /** The key's events; {@link Refusal} NOT_FOUND when nothing was ever recorded for the alias. */
  public List<TimelineEvent> of(String alias) {
    List<LedgerFact> facts = ledger.entriesForKeyAlias(alias).stream().map(LedgerFact::of).toList();
    if (facts.isEmpty() && keys.findByAlias(alias).isEmpty()) {
      throw new Refusal(
          Refusal.Kind.NOT_FOUND,
          "No key and no ledger entry with alias '"
              + (alias.length() > 64 ? alias.substring(0, 64) + "…" : alias)
              + "'; list the keys with GET /api/compliance/keys");
    }
    List<TimelineEvent> events = new ArrayList<>();
    facts.forEach(f -> events.add(event(f)));
    if (!facts.isEmpty()) {
      long first = facts.get(0).seq();
      long last =
          keys.findByAlias(alias).isPresent() ? Long.MAX_VALUE : facts.get(facts.size() - 1).seq();
      sources.ledgerFrom(first).stream()
          .filter(f -> f.is(LedgerAction.KEY_STORAGE_ATTESTED) && f.seq() <= last)
          .forEach(f -> events.add(event(f)));
    }
    events.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    return events;
  }

  private static TimelineEvent event(LedgerFact f) {
    var e = f.entry();
    return new TimelineEvent(
        e.seq(),
        e.recordedAt(),
        e.action(),
        TimelineSummaries.of(f),
        e.actor(),
        e.versionNumber(),
        e.processInstanceId(),
        recorded(e));
  }

  /** The entry's details as recorded, for display; a tampered row's unreadable ones are empty. */
  private static JsonNode recorded(LedgerEntry entry) {
    try {
      JsonNode details = entry.detailsJson() == null ? null : JSON.readTree(entry.detailsJson());
      return details == null ? JSON.createObjectNode() : details;
    } catch (Exception unreadable) {
      return JSON.createObjectNode();
    }
  }
}
