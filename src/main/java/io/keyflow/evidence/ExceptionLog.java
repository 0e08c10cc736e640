package io.keyflow.evidence;

import io.keyflow.compliance.Control;
import io.keyflow.ledger.LedgerEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Adds exceptions to their table and counts them by kind for the report's first page. */
final class ExceptionLog {

  private final TableFiles tables;
  private final Map<String, Long> byKind = new TreeMap<>();

  ExceptionLog(TableFiles tables) {
    this.tables = tables;
  }

  void add(
      ExceptionKind kind,
      LedgerEntry entry,
      String description,
      String sequences,
      Control... controls) {
    add(
        kind,
        entry.recordedAt().toString(),
        entry.keyAlias(),
        entry.versionNumber() == null ? "" : entry.versionNumber().toString(),
        description,
        sequences,
        controls);
  }

  void add(
      ExceptionKind kind,
      String time,
      String alias,
      String version,
      String description,
      String sequences,
      Control... controls) {
    byKind.merge(kind.name(), 1L, Long::sum);
    tables.add(
        EvidenceTable.EXCEPTIONS,
        List.of(
            kind.name(),
            time,
            alias == null ? "" : alias,
            version,
            description,
            Arrays.stream(controls).map(Control::id).collect(Collectors.joining(" ")),
            sequences));
  }

  /** Exceptions per kind, sorted by kind. */
  Map<String, Long> countsByKind() {
    return byKind;
  }

  long total() {
    return byKind.values().stream().mapToLong(Long::longValue).sum();
  }
}
