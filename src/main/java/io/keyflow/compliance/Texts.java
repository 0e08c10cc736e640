package io.keyflow.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Wording shared by the controls and the timeline: counts, times and durations as people read them.
 */
final class Texts {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Texts() {}

  /** {@code 1 key version}, {@code 3 key versions}. */
  static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  static String count(long n, String noun, String plural) {
    return n + " " + (n == 1 ? noun : plural);
  }

  /** {@code 2027-11-29 18:28 UTC}, or {@code —} for none. */
  static String time(Instant instant) {
    return instant == null ? "—" : TIME.format(instant);
  }

  /** {@code 366 days}, {@code 5 hours}, {@code 12 minutes}. */
  static String duration(Duration duration) {
    if (duration.toDays() >= 2) {
      return count(duration.toDays(), "day");
    }
    if (duration.toHours() >= 2) {
      return count(duration.toHours(), "hour");
    }
    return count(duration.toMinutes(), "minute");
  }
}
