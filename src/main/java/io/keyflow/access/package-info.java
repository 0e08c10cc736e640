/**
 * Key access: systems' grants on keys (which system may use which key, for what, until when),
 * requested and approved as a process, enforced on every use, counted, and reviewed periodically.
 */
@ApplicationModule(
    displayName = "Key access",
    allowedDependencies = {
      "approval",
      "engine",
      "key",
      "ledger",
      "ledger :: details",
      "recipient",
      "security",
      "shared"
    })
package io.keyflow.access;

import org.springframework.modulith.ApplicationModule;
