package io.keyflow.compliance;

import io.keyflow.key.KeyVersion;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.details.KeyRotated;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * By version id, the entry that created the version: its KEY_GENERATED, or the KEY_ROTATED that
 * made it. Read from the ledger by the rules that cite a version's creation.
 */
final class Creations {

  private final Map<String, Long> sequences = new HashMap<>();

  void read(LedgerFact f) {
    if (f.is(LedgerAction.KEY_GENERATED) && f.entry().versionId() != null) {
      sequences.putIfAbsent(f.entry().versionId(), f.seq());
    } else if (f.is(LedgerAction.KEY_ROTATED)
        && f.details(KeyRotated.class).newVersionId() != null) {
      sequences.putIfAbsent(f.details(KeyRotated.class).newVersionId(), f.seq());
    }
  }

  /** The sequence that created the version, or none when the ledger does not show it. */
  List<Long> of(KeyVersion version) {
    Long seq = sequences.get(version.id().toString());
    return seq == null ? List.of() : List.of(seq);
  }
}
