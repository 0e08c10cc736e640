/** Recipients: registered systems, their certificates and webhooks. */
@ApplicationModule(
    displayName = "Recipients",
    allowedDependencies = {"hsm", "key", "ledger", "ledger :: details", "security", "shared"})
package io.keyflow.recipient;

import org.springframework.modulith.ApplicationModule;
