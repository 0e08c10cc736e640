/** Rotation (procedure 4.4). */
@ApplicationModule(
    displayName = "Rotation",
    allowedDependencies = {
      "approval",
      "distribution",
      "engine",
      "evidence",
      "generation",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "shared"
    })
package io.keyflow.rotation;

import org.springframework.modulith.ApplicationModule;
