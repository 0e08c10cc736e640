package io.keyflow.crypto;

import io.keyflow.access.AccessOperation;
import io.keyflow.access.KeyAccess;
import io.keyflow.security.AccessGuard;
import org.springframework.stereotype.Component;

/**
 * The system calling the crypto API and the grant check every use of a key asks at the moment of
 * use ({@link KeyAccess#require}, which also counts the use): one place, so each endpoint says only
 * which operations it needs.
 */
@Component
class CallingSystem {

  private final AccessGuard guard;
  private final KeyAccess access;

  CallingSystem(AccessGuard guard, KeyAccess access) {
    this.guard = guard;
    this.access = access;
  }

  /**
   * The authenticated system: by its client certificate on the mutual-TLS port, or the registered
   * system named like the {@code key-user} login on the ordinary port; refuses anyone else.
   */
  String system() {
    return guard.system();
  }

  /** The calling system, once it holds a live grant for every one of {@code operations}. */
  String require(String alias, AccessOperation... operations) {
    String system = system();
    for (AccessOperation operation : operations) {
      access.require(system, alias, operation);
    }
    return system;
  }
}
