/** Crypto API: encrypt and decrypt with managed keys. */
@ApplicationModule(
    displayName = "Crypto API",
    allowedDependencies = {
      "access",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "security",
      "shared"
    })
package io.keyflow.crypto;

import org.springframework.modulith.ApplicationModule;
