/** Evidence pack: signed ZIP for auditors. */
@ApplicationModule(
    displayName = "Evidence pack",
    allowedDependencies = {"hsm", "key", "ledger", "ledger :: details", "security", "shared"})
package io.keyflow.evidence;

import org.springframework.modulith.ApplicationModule;
