package io.keyflow.compromise;

import io.keyflow.key.KeyState;
import io.keyflow.key.KeyVersion;
import io.keyflow.shared.Refusal;
import io.keyflow.shared.Refusal.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which versions of a key a report names: {@code all} (every version whose material still exists)
 * or version numbers separated by commas. Refuses an empty or malformed value, an unknown number
 * and a destroyed version, in words.
 */
final class ReportedVersions {

  private ReportedVersions() {}

  static List<KeyVersion> select(Object value, String alias, List<KeyVersion> versions) {
    String text =
        value instanceof Number number
            ? String.valueOf(number.longValue())
            : value instanceof String s ? s.strip() : null;
    if (text == null || text.isEmpty()) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "versions is required: 'all' or the version numbers that are compromised, separated by commas");
    }
    if (text.equalsIgnoreCase(KeyCompromiseProcess.ALL_VERSIONS)) {
      List<KeyVersion> live = versions.stream().filter(v -> v.state().isLive()).toList();
      if (live.isEmpty()) {
        throw new Refusal(
            Kind.STATE_TRANSITION_FORBIDDEN,
            "Key '"
                + alias
                + "' has no version left whose material exists: all "
                + versions.size()
                + " are destroyed, so there is nothing to contain");
      }
      return live;
    }
    if (!text.matches("[0-9]{1,6}( *, *[0-9]{1,6})*")) {
      throw new Refusal(
          Kind.INVALID_REQUEST,
          "versions must be 'all' or version numbers separated by commas, e.g. '1' or '1,2'");
    }
    Set<Integer> numbers = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      numbers.add(Integer.parseInt(part.strip()));
    }
    List<KeyVersion> selected = new ArrayList<>();
    for (int number : numbers) {
      KeyVersion version =
          versions.stream()
              .filter(v -> v.number() == number)
              .findFirst()
              .orElseThrow(
                  () ->
                      new Refusal(Kind.NOT_FOUND, "Key '" + alias + "' has no version " + number));
      if (!version.state().isLive()) {
        throw new Refusal(
            Kind.STATE_TRANSITION_FORBIDDEN,
            "Version "
                + number
                + " of key '"
                + alias
                + "' is "
                + version.state()
                + " (destroyed on "
                + version.destroyedAt()
                + "): its material no longer exists, so there is nothing to contain");
      }
      selected.add(version);
    }
    return selected;
  }

  static boolean alreadyCompromised(KeyVersion version) {
    return version.state() == KeyState.COMPROMISED;
  }
}
