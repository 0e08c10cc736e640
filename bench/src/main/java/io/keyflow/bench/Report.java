package io.keyflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table on standard output and the same figures as JSON, with the machine they ran on. */
record Report(boolean quick, double totalSeconds, List<Measurement> measurements) {

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%nKeyflow bench (%s run, %.0f s) on %s%n",
            quick ? "quick" : "full", totalSeconds, machine()));
    out.append(
        String.format(
            "%-8s %-78s %-16s %-36s %-7s %-7s %s%n",
            "id", "figure", "measured", "reference (same run)", "ratio", "goal", "met"));
    for (Measurement m : measurements) {
      out.append(
          String.format(
              "%-8s %-78s %-16s %-36s %-7s %-7s %s%n",
              m.id(),
              m.what(),
              m.measured(),
              m.reference(),
              Double.isNaN(m.ratio()) ? "-" : Timing.ratio(m.ratio()),
              m.goal(),
              m.met() == null ? "-" : m.met() ? "yes" : "NO"));
    }
    out.append("notes:\n");
    for (Measurement m : measurements) {
      if (m.note() != null) {
        out.append("  ").append(m.id()).append(": ").append(m.note()).append('\n');
      }
    }
    return out.toString();
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", quick ? "quick" : "full");
    json.put("finishedAt", Instant.now().toString());
    json.put("totalSeconds", Math.round(totalSeconds));
    json.put("machine", machine());
    json.put("figures", measurements);
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }

  static String machine() {
    return String.format(
        "%d cores (%s), %d GiB RAM, JDK %s",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize()
            >> 30,
        System.getProperty("java.runtime.version"));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
