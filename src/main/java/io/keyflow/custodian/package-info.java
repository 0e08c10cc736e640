/** Key custodians: acknowledgement of responsibilities. */
@ApplicationModule(
    displayName = "Key custodians",
    allowedDependencies = {
      "approval",
      "engine",
      "evidence",
      "ledger",
      "ledger :: details",
      "security",
      "shared"
    })
package io.keyflow.custodian;

import org.springframework.modulith.ApplicationModule;
