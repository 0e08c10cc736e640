/** Storage attestation (procedure 4.3). */
@ApplicationModule(
    displayName = "Storage attestation",
    allowedDependencies = {"approval", "engine", "hsm", "key", "ledger", "security", "shared"})
package io.keyflow.storage;

import org.springframework.modulith.ApplicationModule;
