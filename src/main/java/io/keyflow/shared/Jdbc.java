package io.keyflow.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Column conversions every repository needs: timestamps are stored as {@code timestamptz} and read
 * back as instants in UTC, ids as their text form; {@code null} stays {@code null}.
 */
public final class Jdbc {

  private Jdbc() {}

  public static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The instant as a {@code timestamptz} parameter in UTC. */
  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
