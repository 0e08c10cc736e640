package io.keyflow.compromise;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns a comma-separated variable the compromise's own steps set (recipients to redistribute to,
 * versions to destroy) into the collection a multi-instance call activity runs once per element:
 * {@code ${compromiseTargets.each(versionsToDestroy)}}.
 */
@Component("compromiseTargets")
public class CompromiseTargets {

  /** The elements; empty for none. */
  public List<String> each(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
