/** Storage attestation (procedure 4.3). */
@ApplicationModule(
    displayName = "Storage attestation",
    allowedDependencies = {
      "approval",
      "engine",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "security",
      "shared"
    })
package io.keyflow.storage;

import org.springframework.modulith.ApplicationModule;
