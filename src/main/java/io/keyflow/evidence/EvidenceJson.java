package io.keyflow.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code evidence.json}: the report's content for tools, the tables streamed from their fragments.
 */
final class EvidenceJson {

  private EvidenceJson() {}

  static void write(Path file, PackSummary s, TableFiles tables) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      JsonGenerator json = new JsonFactory().createGenerator(out);
      json.writeStartObject();
      json.writeStringField("format", "keyflow-evidence-pack/v1");
      json.writeObjectFieldStart("period");
      json.writeStringField("from", s.period().from().toString());
      json.writeStringField("to", s.period().to().toString());
      json.writeStringField("start", s.period().start().toString());
      json.writeStringField("endExclusive", s.period().end().toString());
      json.writeEndObject();
      json.writeStringField("alias", s.alias());
      json.writeStringField("generatedBy", s.generatedBy());
      json.writeStringField("generatedAt", s.generatedAt().toString());
      json.writeObjectFieldStart("ledger");
      json.writeBooleanField("valid", s.verdict().valid());
      json.writeNumberField("entries", s.verdict().chain().entries());
      json.writeObjectField("firstInvalidSequence", s.verdict().firstInvalidSequence());
      json.writeStringField("reason", s.verdict().reason());
      json.writeBooleanField("checkpointsValid", s.verdict().checkpoints().valid());
      json.writeNumberField("checkpoints", s.verdict().checkpoints().checkpoints());
      json.writeNumberField("entriesInPeriod", s.entriesInPeriod());
      if (s.checkpoint() != null) {
        json.writeNumberField("checkpointSequence", s.checkpoint().seq());
        json.writeStringField("checkpointEntryHash", s.checkpoint().entryHash());
      }
      json.writeEndObject();
      json.writeNumberField("keys", s.keys());
      json.writeNumberField("versions", s.versions());
      json.writeObjectFieldStart("exceptionsByKind");
      for (Map.Entry<String, Long> kind : s.exceptionsByKind().entrySet()) {
        json.writeNumberField(kind.getKey(), kind.getValue());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("coverage");
      for (String note : s.coverage()) {
        json.writeString(note);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("controls");
      for (Control c : Control.values()) {
        json.writeStartObject();
        json.writeStringField("id", c.id());
        json.writeStringField("title", c.title());
        json.writeArrayFieldStart("requirements");
        for (String r : c.requirements()) {
          json.writeString(r);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("procedureSteps");
        for (String step : c.procedureSteps()) {
          json.writeString(step);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("tables");
        for (EvidenceTable t : c.tables()) {
          json.writeString(t.file());
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeFieldName("tables");
      json.writeStartObject();
      for (EvidenceTable table : EvidenceTable.values()) {
        json.writeFieldName(table.file());
        json.flush();
        // The fragment is a complete JSON array: write it raw instead of re-parsing it.
        json.writeRawValue("");
        json.flush();
        try (var in = Files.newBufferedReader(tables.jsonFragment(table), StandardCharsets.UTF_8)) {
          in.transferTo(out);
        }
      }
      json.writeEndObject();
      json.writeEndObject();
      json.flush();
    }
  }
}
