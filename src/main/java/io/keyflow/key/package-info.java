/** Keys: managed keys, versions, states, policies and the key inventory API. */
@ApplicationModule(
    displayName = "Keys",
    allowedDependencies = {"hsm", "security", "shared"})
package io.keyflow.key;

import org.springframework.modulith.ApplicationModule;
