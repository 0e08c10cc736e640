package io.keyflow.hsm.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.keyflow.hsm.KeyAlgorithm;
import io.keyflow.hsm.KeyCheckValues;
import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultContract;
import io.keyflow.hsm.KeyVaultException;
import io.keyflow.hsm.UsageAttributes;
import io.keyflow.hsm.VaultKey;
import io.keyflow.hsm.software.SoftwareVaultProperties.KdfParameters;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The vault contract on the software vault, in an in-memory H2 database migrated by Flyway. */
class SoftwareKeyVaultIT extends KeyVaultContract {

  /** Low Argon2id cost: the tests prove behaviour, not resistance to guessing. */
  private static final KdfParameters FAST_KDF = new KdfParameters(1024, 1, 1);

  private static final byte[] SECRET =
      "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

  private HikariDataSource dataSource;
  private JdbcTemplate jdbc;
  private SoftwareKeyVault vault;

  @BeforeAll
  void openVault() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(
        "jdbc:h2:mem:vault-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
    dataSource.setUsername("sa");
    dataSource.setMaximumPoolSize(10);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("keyflow_schema_history")
        .load()
        .migrate();
    jdbc = new JdbcTemplate(dataSource);
    vault = new SoftwareKeyVault(jdbc, SECRET.clone(), FAST_KDF);
  }

  @AfterAll
  void closeVault() {
    vault.close();
    dataSource.close();
  }

  @Override
  protected KeyVault vault() {
    return vault;
  }

  @Override
  protected int objectsWithId(UUID id) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM software_vault_key WHERE id = ?", Integer.class, id.toString());
  }

  @Test
  void aWrongMasterSecretStopsStartUpAndNamesTheSetting() {
    byte[] wrong = "not the secret".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> new SoftwareKeyVault(jdbc, wrong, FAST_KDF))
        .isInstanceOf(KeyVaultException.Misconfigured.class)
        .hasMessageContaining("keyflow.hsm.software.master-secret")
        .hasMessageContaining("KEYFLOW_VAULT_SECRET");
  }

  @Test
  void aSecondNodeWithTheSameSecretSeesTheSameKeys() {
    VaultKey key = vault.generate(spec(KeyAlgorithm.AES_256, false));

    try (SoftwareKeyVault otherNode =
        new SoftwareKeyVault(jdbc, SECRET.clone(), new KdfParameters(2048, 2, 1))) {
      assertThat(otherNode.find(key.id())).contains(key);
      assertThat(otherNode.decrypt(key.id(), vault.encrypt(key.id(), new byte[] {7}, null), null))
          .containsExactly(7);
    }
  }

  @Test
  void keyMaterialIsStoredOnlySealed() {
    VaultKey key = vault.generate(spec(KeyAlgorithm.AES_256, true));

    String stored =
        jdbc.queryForObject(
            "SELECT material FROM software_vault_key WHERE id = ?",
            String.class,
            key.id().toString());

    // 32 key bytes + 16 tag bytes, base64: sealed, not the raw 32-byte key.
    assertThat(java.util.Base64.getDecoder().decode(stored)).hasSize(48);
  }

  @Test
  void makingAKeyExportableByEditingItsRowDoesNotExportIt() throws Exception {
    VaultKey key = vault.generate(spec(KeyAlgorithm.AES_256, false));
    jdbc.update(
        "UPDATE software_vault_key SET exportable = TRUE WHERE id = ?", key.id().toString());
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    PublicKey attacker = rsa.generateKeyPair().getPublic();

    assertThatThrownBy(() -> vault.wrapForRecipient(key.id(), attacker, vault.preferredOaepHash()))
        .isInstanceOf(KeyVaultException.Conflict.class)
        .hasMessageContaining("altered");
  }

  @Test
  void givingADataKeyTheKeyWrappingRoleByEditingItsRowDoesNotLetItWrap() {
    VaultKey data = vault.generate(spec(KeyAlgorithm.AES_256, false, KeyRole.DATA_ENCRYPTION));
    VaultKey exportable = vault.generate(spec(KeyAlgorithm.AES_256, true, KeyRole.DATA_ENCRYPTION));
    jdbc.update(
        "UPDATE software_vault_key SET role = 'KEY_WRAPPING' WHERE id = ?", data.id().toString());

    assertThatThrownBy(() -> vault.wrapUnderKek(exportable.id(), data.id()))
        .isInstanceOf(KeyVaultException.Conflict.class)
        .hasMessageContaining("altered");
  }

  @Test
  void aKeyStoredBeforeRolesExistedStillWorksAndReportsItsOldUsageForTheAttestation() {
    UUID id = UUID.randomUUID();
    byte[] material = new byte[32];
    new java.security.SecureRandom().nextBytes(material);
    StoredKey legacy =
        new StoredKey(
            id,
            "keyflow/legacy/v1",
            KeyAlgorithm.AES_256,
            true,
            null,
            null,
            null,
            KeyCheckValues.ofAesKey(material),
            null);
    try (MasterKey master = MasterKey.open(jdbc, SECRET.clone(), FAST_KDF)) {
      MasterKey.Sealed sealed = master.seal(material, legacy.aad());
      new SoftwareKeyStore(jdbc).insert(legacy.withMaterial(sealed.iv(), sealed.ciphertext()));
    }
    VaultKey exportable = vault.generate(spec(KeyAlgorithm.AES_256, true));

    assertThat(vault.decrypt(id, vault.encrypt(id, new byte[] {5}, null), null)).containsExactly(5);
    assertThat(vault.wrapUnderKek(exportable.id(), id).mechanism()).isEqualTo("AES-KWP");
    assertThat(vault.list())
        .filteredOn(o -> o.id().equals(id.toString()))
        .singleElement()
        .satisfies(
            o ->
                assertThat(o.usage())
                    .isEqualTo(new UsageAttributes(true, true, true, true, false, false, false)));
  }
}
