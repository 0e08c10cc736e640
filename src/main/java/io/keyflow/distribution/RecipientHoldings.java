package io.keyflow.distribution;

import io.keyflow.recipient.RecipientState;
import static io.keyflow.shared.Jdbc.instant;

import io.keyflow.key.Environment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which recipient systems hold which key version: a recipient holds a version once it has picked
 * up a package of it over mutual TLS (a package that expired unfetched gives no holding). Read from
 * the distribution packages; Camunda-free, for the inventory API and for rotation, which
 * redistributes a key's new primary version to every recipient holding the old one.
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

  RecipientHoldings(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Names of the recipients (not revoked) holding the version, sorted: the {@code recipient}
   * input of a KeyDistribution call for each one that should receive the version's successor.
   * Empty when nobody picked the version up.
   */
  public List<String> recipientsHolding(UUID versionId) {
    return jdbc.queryForList(
        "SELECT DISTINCT r.name FROM distribution_package p JOIN recipient r ON r.id = p.recipient_id"
            + " WHERE p.version_id = ? AND p.state = 'PICKED_UP' AND r.state = 'ACTIVE' ORDER BY r.name",
        String.class, versionId.toString());
  }

  /** A version a recipient holds: the key's alias and the version's number. */
  public record HeldVersion(String alias, int versionNumber) {}

  /** The key versions the recipient picked up (revoked or not), by alias then version. */
  public List<HeldVersion> heldBy(String recipientName) {
    return jdbc.query(
        "SELECT DISTINCT p.key_alias, p.version_number FROM distribution_package p JOIN recipient r ON r.id = p.recipient_id"
            + " WHERE r.name = ? AND p.state = 'PICKED_UP' ORDER BY p.key_alias, p.version_number",
        (rs, i) -> new HeldVersion(rs.getString(1), rs.getInt(2)), recipientName);
  }

  /** Every pickup of any version of the key, revoked recipients included, by version then recipient. */
  public List<Holding> holdings(UUID keyId) {
    return jdbc.query(
        "SELECT p.version_id, p.version_number, r.name, r.environment, r.state, p.picked_up_at, p.id"
            + " FROM distribution_package p JOIN recipient r ON r.id = p.recipient_id"
            + " WHERE p.key_id = ? AND p.state = 'PICKED_UP' ORDER BY p.version_number, r.name, p.picked_up_at",
        (rs, i) ->
            new Holding(
                UUID.fromString(rs.getString(1)), rs.getInt(2), rs.getString(3), Environment.valueOf(rs.getString(4)),
                RecipientState.REVOKED.name().equals(rs.getString(5)), instant(rs, 6), UUID.fromString(rs.getString(7))),
        keyId.toString());
  }
}
