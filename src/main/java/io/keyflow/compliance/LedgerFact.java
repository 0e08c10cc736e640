package io.keyflow.compliance;

import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.details.LedgerDetails;

/**
 * A ledger entry with its details read, for reading facts out of it. A row whose details do not
 * read (a tampered one) gets its record with every field null here, and a row with an unknown
 * action none; the verifier reports the tampering.
 */
record LedgerFact(LedgerEntry entry, LedgerDetails details) {

  static LedgerFact of(LedgerEntry entry) {
    return new LedgerFact(entry, entry.detailsOrEmpty());
  }

  long seq() {
    return entry.seq();
  }

  /** The action, or null when the stored name is none. */
  LedgerAction kind() {
    return entry.kind();
  }

  boolean is(LedgerAction action) {
    return entry.is(action);
  }

  /** The details as the record this fact's action records; check the action first. */
  <T extends LedgerDetails> T details(Class<T> type) {
    return type.cast(details);
  }
}
