/** Workflow engine support: Camunda guards, clock, retries, REST errors. */
@ApplicationModule(
    displayName = "Workflow engine support",
    allowedDependencies = {"approval", "shared"})
package io.keyflow.engine;

import org.springframework.modulith.ApplicationModule;
