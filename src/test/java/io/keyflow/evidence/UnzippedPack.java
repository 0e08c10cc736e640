package io.keyflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A downloaded pack unzipped under {@code target/evidence-packs}, and the offline checks run on it.
 */
record UnzippedPack(Path dir) {

  static UnzippedPack of(byte[] zip) {
    try {
      Path dir =
          Files.createDirectories(
              Path.of("target", "evidence-packs", UUID.randomUUID().toString()));
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path file = dir.resolve(entry.getName()).normalize();
          assertThat(file.startsWith(dir))
              .as("zip entry " + entry.getName() + " stays in the pack")
              .isTrue();
          Files.createDirectories(file.getParent());
          Files.copy(in, file);
        }
      }
      return new UnzippedPack(dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode evidence() {
    try {
      return new ObjectMapper().readTree(read("evidence.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a table in evidence.json whose {@code column} equals {@code value}. */
  List<JsonNode> rows(String table, String column, String value) {
    List<JsonNode> rows = new ArrayList<>();
    evidence()
        .get("tables")
        .get(table)
        .forEach(
            row -> {
              if (value.equals(row.get(column).asText())) {
                rows.add(row);
              }
            });
    return rows;
  }

  /**
   * The shell commands VERIFY.txt tells the reader to run in the pack's directory (sha256sum,
   * openssl).
   */
  List<String> offlineCommands() {
    return read("VERIFY.txt")
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("sha256sum ") || line.startsWith("openssl "))
        .toList();
  }

  /** Runs a command in the pack's directory as a real process; returns its exit code and output. */
  Result run(String command) {
    try {
      Process process =
          new ProcessBuilder("sh", "-c", command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finishes").isTrue();
      return new Result(command, process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  record Result(String command, int exitCode, String output) {}
}
