package io.keyflow.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.keyflow.compliance.Control;
import io.keyflow.compliance.ControlFinding;
import io.keyflow.compliance.ControlResult;
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
      json.writeObjectFieldStart("controlsEvaluation");
      json.writeStringField("evaluatedAt", s.controls().evaluatedAt().toString());
      json.writeStringField("verdict", s.controls().verdict().name());
      json.writeEndObject();
      json.writeArrayFieldStart("controls");
      for (Control c : Control.values()) {
        json.writeStartObject();
        json.writeStringField("id", c.id());
        json.writeStringField("title", c.title());
        json.writeStringField("section", c.section());
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
        for (EvidenceTable t : ControlTables.of(c)) {
          json.writeString(t.file());
        }
        json.writeEndArray();
        json.writeFieldName("evaluation");
        evaluation(json, s.controls().of(c).orElse(null));
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

  /** The live result as the Controls page reads it from {@code /api/compliance/controls}. */
  private static void evaluation(JsonGenerator json, ControlResult result) throws IOException {
    if (result == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringField("id", result.id());
    json.writeStringField("control", result.control());
    json.writeStringField("title", result.title());
    json.writeStringField("verdict", result.verdict().name());
    json.writeStringField("summary", result.summary());
    json.writeArrayFieldStart("findings");
    for (ControlFinding f : result.findings()) {
      json.writeStartObject();
      json.writeStringField("subject", f.subject());
      json.writeBooleanField("holds", f.holds());
      json.writeStringField("statement", f.statement());
      json.writeArrayFieldStart("ledgerSequences");
      for (long seq : f.ledgerSequences()) {
        json.writeNumber(seq);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
