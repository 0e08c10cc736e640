package io.keyflow.security;

import java.time.Instant;

/**
 * A client certificate fingerprint as the registry knows it: the system it was registered for and
 * whether it is still live.
 *
 * @param sha256 SHA-256 of the certificate's DER encoding, lowercase hex
 * @param removed whether an officer removed it from the system (it then authenticates nobody)
 */
public record CertifiedSystem(
    SystemIdentity system, String sha256, Instant notBefore, Instant notAfter, boolean removed) {}
