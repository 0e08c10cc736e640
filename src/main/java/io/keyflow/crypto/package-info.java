/**
 * Crypto API: encrypt and decrypt, data keys and rewrap, sign and verify, MACs and random bytes
 * with managed keys, each use checked against the calling system's grants.
 */
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
