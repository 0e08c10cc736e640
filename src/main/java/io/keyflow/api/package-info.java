/** HTTP problem details shared by every controller. */
@ApplicationModule(
    displayName = "HTTP problem details shared by every controller",
    allowedDependencies = {"hsm", "security", "shared"})
package io.keyflow.api;

import org.springframework.modulith.ApplicationModule;
