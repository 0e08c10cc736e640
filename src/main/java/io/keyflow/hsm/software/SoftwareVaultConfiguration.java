package io.keyflow.hsm.software;

import io.keyflow.hsm.KeyVault;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Selects the software vault when {@code keyflow.hsm.backend} is {@code software} or unset. The
 * vault's tables come from the Flyway migration {@code V2__software_vault.sql}, so the bean is
 * created after Flyway has run (it depends on the JdbcTemplate, which Boot orders after Flyway).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "keyflow.hsm.backend",
    havingValue = "software",
    matchIfMissing = true)
@EnableConfigurationProperties(SoftwareVaultProperties.class)
class SoftwareVaultConfiguration {

  @Bean(destroyMethod = "close")
  KeyVault softwareKeyVault(
      JdbcTemplate jdbc, SoftwareVaultProperties properties, Environment environment) {
    byte[] secret =
        MasterSecrets.resolve(properties, environment.acceptsProfiles(Profiles.of("production")));
    try {
      return new SoftwareKeyVault(jdbc, secret, properties);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
