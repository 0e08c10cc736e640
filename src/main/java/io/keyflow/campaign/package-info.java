/**
 * The daily rotation and destruction sweeps, and the campaigns they start when more keys fall due
 * than one officer task each would serve: one request, one reviewed approval (two for destruction),
 * and one independent per-key instance guarded by the ledger.
 */
@ApplicationModule(
    displayName = "Sweeps and campaigns",
    allowedDependencies = {
      "approval",
      "destruction",
      "engine",
      "hsm",
      "key",
      "ledger",
      "ledger :: details",
      "rotation",
      "security",
      "shared"
    })
package io.keyflow.campaign;

import org.springframework.modulith.ApplicationModule;
