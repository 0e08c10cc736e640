/** Shared kernel: refusals, text, JDBC and SHA-256 helpers used by every module. */
@ApplicationModule(
    displayName = "Shared kernel",
    allowedDependencies = {})
package io.keyflow.shared;

import org.springframework.modulith.ApplicationModule;
