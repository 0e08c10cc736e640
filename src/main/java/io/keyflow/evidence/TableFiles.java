package io.keyflow.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each table's rows as they are found — to its CSV file and to an HTML and a JSON fragment
 * in a working directory — so that a pack over a large ledger is never held in memory. The
 * fragments are assembled into {@code index.html} and {@code evidence.json} afterwards.
 */
final class TableFiles implements Closeable {

  private final Path workDir;
  private final Map<EvidenceTable, Sink> sinks = new EnumMap<>(EvidenceTable.class);
  private boolean closed;

  TableFiles(Path workDir) throws IOException {
    this.workDir = workDir;
    Files.createDirectories(workDir.resolve("csv"));
    Files.createDirectories(workDir.resolve("fragments"));
    JsonFactory json = new JsonFactory();
    for (EvidenceTable table : EvidenceTable.values()) {
      sinks.put(table, new Sink(table, workDir, json));
    }
  }

  /** Adds a row; {@code values} are in the table's column order (null is written as empty). */
  void add(EvidenceTable table, List<String> values) {
    if (values.size() != table.columns().size()) {
      throw new IllegalArgumentException(
          table + " has " + table.columns().size() + " columns, not " + values.size());
    }
    try {
      sinks.get(table).add(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long rows(EvidenceTable table) {
    return sinks.get(table).rows;
  }

  Path csv(EvidenceTable table) {
    return workDir.resolve("csv").resolve(table.file() + ".csv");
  }

  Path htmlFragment(EvidenceTable table) {
    return workDir.resolve("fragments").resolve(table.file() + ".html");
  }

  Path jsonFragment(EvidenceTable table) {
    return workDir.resolve("fragments").resolve(table.file() + ".json");
  }

  /** Ends every table (closing its CSV, HTML and JSON); add nothing afterwards. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    for (Sink sink : sinks.values()) {
      sink.close();
    }
  }

  private static final class Sink {
    private final EvidenceTable table;
    private final Writer csv;
    private final Writer html;
    private final JsonGenerator json;
    private long rows;

    Sink(EvidenceTable table, Path workDir, JsonFactory factory) throws IOException {
      this.table = table;
      this.csv = writer(workDir.resolve("csv").resolve(table.file() + ".csv"));
      this.html = writer(workDir.resolve("fragments").resolve(table.file() + ".html"));
      this.json =
          factory.createGenerator(
              writer(workDir.resolve("fragments").resolve(table.file() + ".json")));
      csv.write(String.join(",", table.columns()) + "\r\n");
      html.write("<table><thead><tr>");
      for (String column : table.columns()) {
        html.write("<th>" + Html.escape(column.replace('_', ' ')) + "</th>");
      }
      html.write("</tr></thead><tbody>\n");
      json.writeStartArray();
    }

    void add(List<String> values) throws IOException {
      rows++;
      StringBuilder line = new StringBuilder();
      html.write("<tr>");
      json.writeStartObject();
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i) == null ? "" : values.get(i);
        line.append(i == 0 ? "" : ",").append(Csv.cell(value));
        html.write("<td>" + Html.escape(value) + "</td>");
        json.writeStringField(table.columns().get(i), value);
      }
      json.writeEndObject();
      html.write("</tr>\n");
      csv.write(line.append("\r\n").toString());
    }

    void close() throws IOException {
      if (rows == 0) {
        html.write(
            "<tr><td class=\"none\" colspan=\""
                + table.columns().size()
                + "\">No records in the period.</td></tr>");
      }
      html.write("</tbody></table>\n");
      json.writeEndArray();
      json.close();
      html.close();
      csv.close();
    }

    private static Writer writer(Path file) throws IOException {
      return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }
  }
}
