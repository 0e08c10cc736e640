/** Approvals: four-eyes decisions and the guard before every HSM step. */
@ApplicationModule(
    displayName = "Approvals",
    allowedDependencies = {"ledger", "ledger :: details", "security", "shared"})
package io.keyflow.approval;

import org.springframework.modulith.ApplicationModule;
