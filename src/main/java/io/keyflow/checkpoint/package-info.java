/** Ledger checkpoints: the hourly signed checkpoint process. */
@ApplicationModule(
    displayName = "Ledger checkpoints",
    allowedDependencies = {"engine", "ledger"})
package io.keyflow.checkpoint;

import org.springframework.modulith.ApplicationModule;
