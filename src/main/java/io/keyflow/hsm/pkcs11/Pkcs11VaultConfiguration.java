package io.keyflow.hsm.pkcs11;

import io.keyflow.hsm.KeyVault;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Selects the PKCS#11 vault when {@code keyflow.hsm.backend=pkcs11}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "keyflow.hsm.backend", havingValue = "pkcs11")
@EnableConfigurationProperties(Pkcs11Properties.class)
class Pkcs11VaultConfiguration {

  /** Fails start-up at once, with one sentence naming the setting, if the HSM is misconfigured. */
  @Bean(destroyMethod = "close")
  KeyVault pkcs11KeyVault(Pkcs11Properties properties, JdbcGenerationJournal journal) {
    return new Pkcs11KeyVault(properties, journal);
  }

  /** The generation journal in Keyflow's own database, on a pool of two connections of its own. */
  @Bean(destroyMethod = "close")
  JdbcGenerationJournal pkcs11GenerationJournal(DataSourceProperties database) {
    return JdbcGenerationJournal.onOwnPool(database);
  }
}
