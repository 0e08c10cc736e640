package io.keyflow.hsm.software;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the software vault ({@code keyflow.hsm.software.*}).
 *
 * @param masterSecret the operator secret the master key is derived from (set it through the
 *     environment variable {@code KEYFLOW_VAULT_SECRET}); required in the {@code production}
 *     profile
 * @param secretFile where a demo secret is generated and kept when {@code masterSecret} is unset
 *     outside production
 * @param argon2MemoryKib Argon2id memory cost for a new vault (stored with the vault afterwards)
 * @param argon2Iterations Argon2id iterations for a new vault
 * @param argon2Parallelism Argon2id lanes for a new vault
 */
@ConfigurationProperties("keyflow.hsm.software")
public record SoftwareVaultProperties(
    String masterSecret,
    @DefaultValue("./data/vault-secret") Path secretFile,
    @DefaultValue("65536") int argon2MemoryKib,
    @DefaultValue("3") int argon2Iterations,
    @DefaultValue("1") int argon2Parallelism) {

  /** The Argon2id parameters used when this run creates the vault. */
  KdfParameters kdf() {
    return new KdfParameters(argon2MemoryKib, argon2Iterations, argon2Parallelism);
  }

  /** Argon2id cost parameters; a vault keeps the ones it was created with. */
  record KdfParameters(int memoryKib, int iterations, int parallelism) {
    KdfParameters {
      if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
        throw new IllegalArgumentException(
            "Argon2id needs memory >= 8 KiB per lane, iterations >= 1, lanes >= 1");
      }
    }
  }
}
