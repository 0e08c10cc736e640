/** Key vault: the KeyVault port with its PKCS#11 and software backends. */
@ApplicationModule(
    displayName = "Key vault",
    allowedDependencies = {"shared"})
package io.keyflow.hsm;

import org.springframework.modulith.ApplicationModule;
