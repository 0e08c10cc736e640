/** Distribution (procedure 4.2): wrapped packages and mutual-TLS pickup. */
@ApplicationModule(
    displayName = "Distribution",
    allowedDependencies = {
      "approval",
      "engine",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "recipient",
      "security",
      "shared"
    })
package io.keyflow.distribution;

import org.springframework.modulith.ApplicationModule;
