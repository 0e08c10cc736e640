package io.keyflow.storage;

import io.keyflow.hsm.KeyRole;
import io.keyflow.ledger.LedgerCheckpoints;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The ledger's audit signing key pair is Keyflow's own object, not an unknown one. */
@Component
class LedgerSigningKeyObject implements SystemVaultObjects {

  @Override
  public Map<String, String> objects() {
    return Map.of(
        LedgerCheckpoints.AUDIT_SIGNING_KEY_ID.toString(),
        "ledger audit signing key (EC P-256, signs ledger checkpoints)");
  }

  @Override
  public Map<String, KeyRole> roles() {
    return Map.of(LedgerCheckpoints.AUDIT_SIGNING_KEY_ID.toString(), KeyRole.SIGNING);
  }
}
