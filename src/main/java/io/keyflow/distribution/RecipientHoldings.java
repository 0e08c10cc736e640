package io.keyflow.distribution;

import static io.keyflow.shared.Jdbc.instant;

import io.keyflow.key.Environment;
import io.keyflow.recipient.Recipient;
import io.keyflow.recipient.RecipientRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which recipient systems hold which key version: a recipient holds a version once it has picked up
 * a package of it over mutual TLS (a package that expired unfetched gives no holding). Read from
 * the distribution packages, with names and states asked of the recipient registry; Camunda-free,
 * for the inventory API and for rotation, which redistributes a key's new primary version to every
 * recipient holding the old one.
 */
@Service
public class RecipientHoldings {

  /** One picked-up package: who holds which version since when. */
  public record Holding(
      UUID versionId,
      int versionNumber,
      String recipient,
      Environment environment,
      boolean recipientRevoked,
      Instant pickedUpAt,
      UUID packageId) {}

  private final JdbcTemplate jdbc;
  private final RecipientRegistry recipients;

  RecipientHoldings(JdbcTemplate jdbc, RecipientRegistry recipients) {
    this.jdbc = jdbc;
    this.recipients = recipients;
  }

  /**
   * Names of the recipients (not revoked) holding the version, sorted: the {@code recipient} input
   * of a KeyDistribution call for each one that should receive the version's successor. Empty when
   * nobody picked the version up.
   */
  public List<String> recipientsHolding(UUID versionId) {
    return jdbc
        .queryForList(
            "SELECT DISTINCT recipient_id FROM distribution_package WHERE version_id = ? AND state = 'PICKED_UP'",
            String.class,
            versionId.toString())
        .stream()
        .map(id -> recipients.findById(UUID.fromString(id)))
        .flatMap(Optional::stream)
        .filter(r -> !r.isRevoked())
        .map(Recipient::name)
        .sorted()
        .toList();
  }

  /** A version a recipient holds: the key's alias and the version's number. */
  public record HeldVersion(String alias, int versionNumber) {}

  /** The key versions the recipient picked up (revoked or not), by alias then version. */
  public List<HeldVersion> heldBy(String recipientName) {
    return recipients
        .find(recipientName)
        .map(
            recipient ->
                jdbc.query(
                    "SELECT DISTINCT key_alias, version_number FROM distribution_package"
                        + " WHERE recipient_id = ? AND state = 'PICKED_UP' ORDER BY key_alias, version_number",
                    (rs, i) -> new HeldVersion(rs.getString(1), rs.getInt(2)),
                    recipient.id().toString()))
        .orElse(List.of());
  }

  /**
   * Every pickup of any version of the key, revoked recipients included, by version then recipient.
   */
  public List<Holding> holdings(UUID keyId) {
    Map<String, Optional<Recipient>> byId = new HashMap<>();
    List<Holding> found = new ArrayList<>();
    jdbc.query(
        "SELECT version_id, version_number, recipient_id, picked_up_at, id FROM distribution_package"
            + " WHERE key_id = ? AND state = 'PICKED_UP'",
        rs -> {
          Optional<Recipient> recipient =
              byId.computeIfAbsent(rs.getString(3), id -> recipients.findById(UUID.fromString(id)));
          recipient.ifPresent(r -> found.add(holding(rs, r)));
        },
        keyId.toString());
    found.sort(BY_VERSION_RECIPIENT_AND_TIME);
    return found;
  }

  private static final Comparator<Holding> BY_VERSION_RECIPIENT_AND_TIME =
      Comparator.comparingInt(Holding::versionNumber)
          .thenComparing(Holding::recipient)
          .thenComparing(Holding::pickedUpAt, Comparator.nullsFirst(Comparator.naturalOrder()));

  private static Holding holding(ResultSet rs, Recipient recipient) {
    try {
      return new Holding(
          UUID.fromString(rs.getString(1)),
          rs.getInt(2),
          recipient.name(),
          recipient.environment(),
          recipient.isRevoked(),
          instant(rs, 4),
          UUID.fromString(rs.getString(5)));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read a distribution package row", e);
    }
  }
}
