package io.keyflow.operations;

import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.KeyVaultException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The key vault can serve requests now: for PKCS#11, the token answers on a live session (a token
 * that does not answer starts a reconnection, so the probe also drives recovery). Part of
 * readiness.
 */
@Component("vault")
class VaultHealthIndicator implements HealthIndicator {

  private final KeyVault vault;

  VaultHealthIndicator(KeyVault vault) {
    this.vault = vault;
  }

  @Override
  public Health health() {
    try {
      vault.probe();
      return Health.up().withDetail("backend", vault.backend()).build();
    } catch (KeyVaultException e) {
      return Health.down()
          .withDetail("backend", vault.backend())
          .withDetail("reason", e.deviceCode())
          .build();
    }
  }
}
