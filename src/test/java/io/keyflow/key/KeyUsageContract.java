package io.keyflow.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.Provenance;
import io.keyflow.key.internal.KeyRepository;
import io.keyflow.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gate every use of a key passes, on a real inventory: one read finds the key and the version
 * asked for (its primary when no number is given), and each way of not finding one is refused in
 * words. Run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyUsageContract {

  private static final Instant ACTIVATED = Instant.parse("2026-01-01T10:00:00Z");

  private HikariDataSource dataSource;
  private KeyRepository keys;
  private KeyUsage usage;

  /** A new, empty database. */
  protected abstract HikariDataSource newDatabase();

  @BeforeAll
  void migrate() {
    dataSource = newDatabase();
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("keyflow_schema_history")
        .load()
        .migrate();
    keys = new KeyRepository(new JdbcTemplate(dataSource));
    usage = new KeyUsage(keys);
  }

  @AfterAll
  void close() {
    dataSource.close();
  }

  @Test
  void withoutANumberThePrimaryVersionIsUsed() {
    ManagedKey key = key("primary");
    KeyVersion v1 = version(key, 1);
    KeyVersion v2 = version(key, 2);
    keys.updateState(v1.deactivate(ACTIVATED.plus(Duration.ofDays(1)), Duration.ofDays(30)));
    keys.setPrimaryVersion(key.id(), v2.id());

    KeyUsage.UsableVersion use = usage.requireUsable(key.alias(), null, KeyOperation.ENCRYPT);

    assertThat(use.key().id()).isEqualTo(key.id());
    assertThat(use.key().primaryVersionId()).isEqualTo(v2.id());
    assertThat(use.version()).isEqualTo(v2);
  }

  @Test
  void aNumberSelectsThatVersionAndItsStateDecides() {
    ManagedKey key = key("numbered");
    KeyVersion v1 = version(key, 1);
    KeyVersion v2 = version(key, 2);
    KeyVersion deactivated = v1.deactivate(ACTIVATED.plus(Duration.ofDays(1)), Duration.ofDays(30));
    keys.updateState(deactivated);
    keys.setPrimaryVersion(key.id(), v2.id());

    assertThat(usage.requireUsable(key.alias(), 1, KeyOperation.DECRYPT).version())
        .isEqualTo(deactivated);
    assertThatThrownBy(() -> usage.requireUsable(key.alias(), 1, KeyOperation.ENCRYPT))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.VERSION_NOT_USABLE))
        .hasMessageContaining("Version 1 of key '" + key.alias() + "' was deactivated");
  }

  @Test
  void anUnknownAliasIsNotFound() {
    assertThatThrownBy(() -> usage.requireUsable("no-such-key", null, KeyOperation.ENCRYPT))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND))
        .hasMessage("No key with alias 'no-such-key'");
  }

  @Test
  void anUnknownVersionNumberIsNotFound() {
    ManagedKey key = key("one-version");
    KeyVersion v1 = version(key, 1);
    keys.setPrimaryVersion(key.id(), v1.id());

    assertThatThrownBy(() -> usage.requireUsable(key.alias(), 7, KeyOperation.DECRYPT))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND))
        .hasMessage("Key '" + key.alias() + "' has no version 7");
  }

  @Test
  void aKeyWithoutAPrimaryVersionIsNotUsable() {
    ManagedKey key = key("no-primary");

    assertThatThrownBy(() -> usage.requireUsable(key.alias(), null, KeyOperation.ENCRYPT))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.VERSION_NOT_USABLE))
        .hasMessage("Key '" + key.alias() + "' has no primary version");
  }

  private ManagedKey key(String prefix) {
    ManagedKey key =
        new ManagedKey(
            UUID.randomUUID(),
            prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
            KeyPurpose.DATA_AT_REST,
            KeyAlgorithm.AES_256,
            "alice",
            false,
            Duration.ofDays(365),
            Duration.ofDays(730),
            "usage test",
            null,
            ACTIVATED.minus(1, ChronoUnit.HOURS),
            Environment.PRODUCTION);
    keys.insert(key);
    return key;
  }

  private KeyVersion version(ManagedKey key, int number) {
    UUID id = UUID.randomUUID();
    KeyVersion version =
        KeyVersion.activated(
            id,
            key.id(),
            number,
            "software",
            "keyflow/" + key.alias() + "/v" + number,
            "a1b2c3",
            new Provenance(true, true, true, false, true, "CKM_AES_KEY_GEN"),
            ACTIVATED,
            Duration.ofDays(365),
            "alice",
            "bob",
            null);
    keys.insert(version);
    return version;
  }
}
