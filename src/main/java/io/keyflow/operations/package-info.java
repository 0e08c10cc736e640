/** Operations: metrics, health, production start-up checks. */
@ApplicationModule(
    displayName = "Operations",
    allowedDependencies = {"campaign", "distribution", "hsm", "key", "ledger", "shared"})
package io.keyflow.operations;

import org.springframework.modulith.ApplicationModule;
