/**
 * Evidence pack: signed ZIP for auditors. It renders the control catalogue and its live evaluation
 * from {@code compliance} (the same report Cockpit's Controls page shows), gathering its own
 * records in the same pass over the ledger.
 */
@ApplicationModule(
    displayName = "Evidence pack",
    allowedDependencies = {
      "compliance",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "security",
      "shared"
    })
package io.keyflow.evidence;

import org.springframework.modulith.ApplicationModule;
