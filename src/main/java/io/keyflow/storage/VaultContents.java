package io.keyflow.storage;

import io.keyflow.hsm.KeyRole;
import io.keyflow.hsm.KeyVault;
import io.keyflow.hsm.VaultObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the vault holds, as a reconciliation reads it: every object on the token (or in the software
 * vault) and the system objects other modules declare there (such as the ledger's signing key),
 * which are expected and not keys of the inventory.
 */
@Component
class VaultContents {

  private final KeyVault vault;
  private final ObjectProvider<SystemVaultObjects> systemObjects;

  VaultContents(KeyVault vault, ObjectProvider<SystemVaultObjects> systemObjects) {
    this.vault = vault;
    this.systemObjects = systemObjects;
  }

  /**
   * @param systemObjects the declared system objects: id to what they are
   * @param systemRoles the role each declared system object must have
   */
  record Read(
      String backend,
      List<VaultObject> objects,
      Map<String, String> systemObjects,
      Map<String, KeyRole> systemRoles) {}

  Read read() {
    Map<String, String> system = new HashMap<>();
    Map<String, KeyRole> roles = new HashMap<>();
    systemObjects
        .orderedStream()
        .forEach(
            declared -> {
              system.putAll(declared.objects());
              roles.putAll(declared.roles());
            });
    return new Read(vault.backend(), vault.list(), system, roles);
  }
}
