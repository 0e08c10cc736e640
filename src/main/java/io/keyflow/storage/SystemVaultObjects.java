package io.keyflow.storage;

import io.keyflow.hsm.KeyRole;
import java.util.Map;

/**
 * Vault objects Keyflow itself owns outside the key inventory (such as a ledger audit signing key).
 * Beans implementing this declare them so a reconciliation lists them as system objects instead of
 * reporting them as unknown.
 */
public interface SystemVaultObjects {

  /** Object id (as {@link io.keyflow.hsm.VaultObject#id()} reports it) → what it is. */
  Map<String, String> objects();

  /** The role of those objects whose usage attributes a reconciliation checks: id → role. */
  default Map<String, KeyRole> roles() {
    return Map.of();
  }
}
