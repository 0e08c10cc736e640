/** Key compromise: containment, confirmation, emergency rotation. */
@ApplicationModule(
    displayName = "Key compromise",
    allowedDependencies = {
      "approval",
      "crypto",
      "distribution",
      "engine",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "recipient",
      "rotation",
      "shared"
    })
package io.keyflow.compromise;

import org.springframework.modulith.ApplicationModule;
