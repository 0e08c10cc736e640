package io.keyflow.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.keyflow.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger entry with its details parsed, for reading facts out of it. A row whose details do not
 * parse (a tampered one) gets empty details here; the verifier reports the tampering.
 */
record LedgerFact(LedgerEntry entry, JsonNode details) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static LedgerFact of(LedgerEntry entry) {
    JsonNode details;
    try {
      details = entry.detailsJson() == null ? null : JSON.readTree(entry.detailsJson());
    } catch (Exception unreadable) {
      details = null;
    }
    return new LedgerFact(entry, details == null ? JsonNodeFactory.instance.objectNode() : details);
  }

  long seq() {
    return entry.seq();
  }

  String action() {
    return entry.action();
  }

  boolean is(String action) {
    return action.equals(entry.action());
  }

  /** A detail as text, or null when absent. */
  String text(String name) {
    JsonNode value = details.get(name);
    return value == null || value.isNull()
        ? null
        : value.isTextual() ? value.asText() : value.toString();
  }

  /** A detail that is a time, or null when absent or not a time. */
  java.time.Instant instant(String name) {
    String value = text(name);
    try {
      return value == null ? null : java.time.Instant.parse(value);
    } catch (java.time.format.DateTimeParseException notATime) {
      return null;
    }
  }

  /** A detail that is a list of names (or one name, or a comma-separated string) as a list. */
  List<String> names(String name) {
    JsonNode value = details.get(name);
    List<String> names = new ArrayList<>();
    if (value == null || value.isNull()) {
      return names;
    }
    if (value.isArray()) {
      value.forEach(v -> names.add(v.asText()));
    } else {
      for (String part : value.asText().split(",")) {
        if (!part.isBlank()) {
          names.add(part.strip());
        }
      }
    }
    return names;
  }
}
