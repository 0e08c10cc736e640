/** Demo clock (never in production). */
@ApplicationModule(
    displayName = "Demo clock",
    allowedDependencies = {"security", "shared"})
package io.keyflow.demo;

import org.springframework.modulith.ApplicationModule;
