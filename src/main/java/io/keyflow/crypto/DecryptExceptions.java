package io.keyflow.crypto;

import static io.keyflow.shared.Jdbc.ts;

import io.keyflow.key.KeyState;
import io.keyflow.key.KeyUsage.UsableVersion;
import io.keyflow.key.KeyVersion;
import io.keyflow.key.Keys;
import io.keyflow.key.ManagedKey;
import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import io.keyflow.ledger.details.KeyDecryptExceptionUsed;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time-boxed decrypt-only exceptions for COMPROMISED versions, so data encrypted under them can be
 * recovered (re-encrypted under the replacement) while they are blocked for everything else. An
 * exception is opened by an officer's approval and closed when its time is up; every decryption
 * under it is a {@code KEY_DECRYPT_EXCEPTION_USED} ledger entry. Encryption is never excepted.
 */
@Service
public class DecryptExceptions {

  /** An open exception: which version, until when, from which approval. */
  public record Open(UUID id, UUID versionId, Instant expiresAt, String processInstanceId) {}

  private final JdbcTemplate jdbc;
  private final Keys keys;
  private final Ledger ledger;
  private final Clock clock;

  DecryptExceptions(JdbcTemplate jdbc, Keys keys, Ledger ledger, Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Records an approved exception, open from now until {@code expiresAt}; idempotent per process
   * instance.
   */
  @Transactional
  public void open(
      UUID keyId,
      UUID versionId,
      String processInstanceId,
      String requestedBy,
      String approvedBy,
      Instant expiresAt) {
    Integer existing =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM decrypt_exception WHERE process_instance_id = ?",
            Integer.class,
            processInstanceId);
    if (existing != null && existing > 0) {
      return;
    }
    jdbc.update(
        "INSERT INTO decrypt_exception (id, key_id, version_id, process_instance_id, requested_by, approved_by, opened_at,"
            + " expires_at) VALUES (?,?,?,?,?,?,?,?)",
        UUID.randomUUID().toString(),
        keyId.toString(),
        versionId.toString(),
        processInstanceId,
        requestedBy,
        approvedBy,
        ts(clock.instant()),
        ts(expiresAt));
  }

  /** Closes the exception of this process instance; whether it was open. */
  @Transactional
  public boolean close(String processInstanceId) {
    return jdbc.update(
            "UPDATE decrypt_exception SET closed_at = ? WHERE process_instance_id = ? AND closed_at IS NULL",
            ts(clock.instant()),
            processInstanceId)
        > 0;
  }

  /** The exception open now for this version, if any. */
  public Optional<Open> openFor(UUID versionId) {
    Instant now = clock.instant();
    List<Open> open =
        jdbc.query(
            "SELECT id, version_id, expires_at, process_instance_id FROM decrypt_exception"
                + " WHERE version_id = ? AND closed_at IS NULL AND expires_at > ? ORDER BY expires_at DESC",
            (rs, i) ->
                new Open(
                    UUID.fromString(rs.getString(1)),
                    UUID.fromString(rs.getString(2)),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getString(4)),
            versionId.toString(),
            ts(now));
    return open.stream().findFirst();
  }

  /**
   * The version to decrypt with when its state refuses decryption but an exception is open: only a
   * COMPROMISED version, only to decrypt. Records the use in the ledger (in the caller's
   * transaction).
   */
  @Transactional
  public Optional<UsableVersion> permitDecrypt(String alias, int number, String caller) {
    Optional<ManagedKey> key = keys.findByAlias(alias);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Optional<KeyVersion> version = keys.findVersion(key.get().id(), number);
    if (version.isEmpty() || version.get().state() != KeyState.COMPROMISED) {
      return Optional.empty();
    }
    Optional<Open> open = openFor(version.get().id());
    open.ifPresent(
        exception ->
            ledger.append(
                LedgerEvent.builder(
                        LedgerAction.KEY_DECRYPT_EXCEPTION_USED,
                        caller == null ? "anonymous" : caller)
                    .key(key.get().id(), key.get().alias())
                    .version(version.get().id(), number)
                    .processInstance(exception.processInstanceId())
                    .details(
                        new KeyDecryptExceptionUsed(
                            exception.id().toString(), exception.expiresAt()))
                    .build()));
    return open.map(exception -> new UsableVersion(key.get(), version.get()));
  }
}
