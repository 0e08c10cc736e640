/** Generation (procedure 4.1). */
@ApplicationModule(
    displayName = "Generation",
    allowedDependencies = {
      "approval",
      "engine",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "shared"
    })
package io.keyflow.generation;

import org.springframework.modulith.ApplicationModule;
