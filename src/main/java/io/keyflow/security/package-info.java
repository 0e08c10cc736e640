/** Security: users, roles, authentication, mutual TLS, transport rules. */
@ApplicationModule(
    displayName = "Security",
    allowedDependencies = {"shared"})
package io.keyflow.security;

import org.springframework.modulith.ApplicationModule;
