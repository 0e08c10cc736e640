package io.keyflow.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.shared.StartupRefusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which vault the application gets for which settings, and how it refuses bad ones. */
class KeyVaultConfigurationTest {

  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class,
                FlywayAutoConfiguration.class))
        .withUserConfiguration(
            io.keyflow.hsm.software.SoftwareVaultConfigurationAccess.configuration(),
            io.keyflow.hsm.pkcs11.Pkcs11VaultConfigurationAccess.configuration())
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:cfg-"
                + UUID.randomUUID()
                + ";MODE=LEGACY;DB_CLOSE_DELAY=-1",
            "spring.flyway.table=keyflow_schema_history",
            "keyflow.hsm.software.argon2-memory-kib=1024",
            "keyflow.hsm.software.argon2-iterations=1");
  }

  @Test
  void theSoftwareVaultIsTheDefaultAndMakesAnOwnerOnlyDemoSecret() {
    Path secretFile = dir.resolve("data/vault-secret");
    runner()
        .withPropertyValues("keyflow.hsm.software.secret-file=" + secretFile)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(KeyVault.class).backend()).isEqualTo("software");
              assertThat(Files.getPosixFilePermissions(secretFile))
                  .isEqualTo(
                      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            });
  }

  @Test
  void theProductionProfileRefusesToStartWithoutTheMasterSecret() {
    runner()
        .withPropertyValues(
            "spring.profiles.active=production",
            "keyflow.hsm.software.secret-file=" + dir.resolve("vault-secret"))
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(StartupRefusal.class)
                  .hasMessageContaining("keyflow.hsm.software.master-secret");
              assertThat(dir.resolve("vault-secret")).doesNotExist();
            });
  }

  @Test
  void thePkcs11BackendIsChosenByPropertyAndRefusesAMissingModule() {
    runner()
        .withPropertyValues(
            "keyflow.hsm.backend=pkcs11",
            "keyflow.hsm.pkcs11.module=" + dir.resolve("libmissing.so"),
            "keyflow.hsm.pkcs11.token-label=keyflow")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(KeyVaultException.Misconfigured.class)
                  .hasMessageContaining("keyflow.hsm.pkcs11.module");
            });
  }
}
