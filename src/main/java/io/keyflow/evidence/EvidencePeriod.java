package io.keyflow.evidence;

import io.keyflow.shared.Text;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days a pack covers, both included, in UTC: from {@code from} 00:00:00Z up to but excluding
 * the day after {@code to}.
 */
public record EvidencePeriod(LocalDate from, LocalDate to) {

  /** At most this many days, so that a mistyped year cannot ask for a century of records. */
  static final int MAX_DAYS = 3660;

  public EvidencePeriod {
    if (from.isAfter(to)) {
      throw EvidenceRefused.badRequest(
          "The period starts on "
              + from
              + ", after it ends on "
              + to
              + "; pass from on or before to");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw EvidenceRefused.badRequest(
          "The period from "
              + from
              + " to "
              + to
              + " is longer than "
              + MAX_DAYS
              + " days; ask for ten years at most");
    }
  }

  /** Parses ISO dates ({@code 2026-01-01}); a missing or malformed one is refused with a reason. */
  public static EvidencePeriod parse(String from, String to) {
    return new EvidencePeriod(date("from", from), date("to", to));
  }

  public Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first instant after the period. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public boolean contains(Instant instant) {
    return instant != null && !instant.isBefore(start()) && instant.isBefore(end());
  }

  @Override
  public String toString() {
    return from + " to " + to;
  }

  private static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      throw EvidenceRefused.badRequest(
          "The parameter " + name + " is missing; pass a date such as 2026-01-31");
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw EvidenceRefused.badRequest(
          "The parameter "
              + name
              + " is '"
              + Text.abbreviate(value, 40)
              + "', not a date; pass it as YYYY-MM-DD, e.g. 2026-01-31");
    }
  }
}
