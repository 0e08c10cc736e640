/** Destruction (procedure 4.5). */
@ApplicationModule(
    displayName = "Destruction",
    allowedDependencies = {
      "approval",
      "engine",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "shared"
    })
package io.keyflow.destruction;

import org.springframework.modulith.ApplicationModule;
