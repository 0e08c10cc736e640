/**
 * KMIP server: the TTLV codec, the message layer and the mutual-TLS listener through which
 * databases, hypervisors and storage reach Keyflow's keys (OP-PROC-001 4.2).
 */
@ApplicationModule(
    displayName = "KMIP server",
    allowedDependencies = {"recipient", "security", "shared"})
package io.keyflow.kmip;

import org.springframework.modulith.ApplicationModule;
