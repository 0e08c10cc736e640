package io.keyflow.destruction;

import io.keyflow.key.KeyVersion;
import io.keyflow.key.ManagedKey;
import java.util.List;

/**
 * A destruction request that passed its checks: one version, or every destroyable version of a key.
 */
public sealed interface DestructionRequest {

  ManagedKey key();

  String reason();

  /** One version, ready for the officers' approvals. */
  record OneVersion(
      ManagedKey key, KeyVersion version, String reason, String requestedBy, int requiredApprovals)
      implements DestructionRequest {}

  /** The whole key: each listed version gets a destruction of its own. */
  record WholeKey(ManagedKey key, List<Integer> versions, String reason)
      implements DestructionRequest {
    public WholeKey {
      versions = List.copyOf(versions);
    }
  }
}
