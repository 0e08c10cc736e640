package io.keyflow.evidence;

import io.keyflow.compliance.ControlsReport;
import io.keyflow.ledger.LedgerCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a pack's documents say about themselves: scope, issuer, the ledger's verdict, and counts.
 *
 * @param alias the one key the pack is about, or null for every key
 * @param controls the live controls as evaluated when the pack was made, over its scope
 * @param checkpoint the signed checkpoint covering the end of the period, or null when the ledger
 *     is empty
 * @param rows record count per table
 * @param coverage sentences on what the pack can and cannot show
 */
record PackSummary(
    EvidencePeriod period,
    String alias,
    String generatedBy,
    Instant generatedAt,
    LedgerVerdict verdict,
    ControlsReport controls,
    LedgerCheckpoint checkpoint,
    long entriesInPeriod,
    long keys,
    long versions,
    Map<EvidenceTable, Long> rows,
    Map<String, Long> exceptionsByKind,
    List<String> coverage) {

  long exceptions() {
    return exceptionsByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  String scope() {
    return alias == null ? "every key" : "key " + alias;
  }
}
