package io.keyflow.rotation;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns the rotation's {@code recipientsToRedistribute} variable (names, comma-separated, as
 * recorded when the rotation was done) into the collection the redistribution call activity runs
 * once per element: {@code ${rotationRedistribution.recipients(recipientsToRedistribute)}}.
 */
@Component("rotationRedistribution")
public class RedistributionTargets {

  /** The recipient names; empty when none held the old version. */
  public List<String> recipients(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .toList();
  }
}
