package io.keyflow.security;

import java.util.Optional;

/**
 * Where authentication looks systems up: the registry of systems implements it (the registry
 * depends on security, never the other way round). Answers from the database, uncached; {@link
 * SystemIdentities} caches it.
 */
public interface SystemDirectory {

  /** The registered system of this name, in any state. */
  Optional<SystemIdentity> system(String name);

  /** Who this certificate fingerprint was registered for, live or removed, if ever. */
  Optional<CertifiedSystem> certificate(String sha256);
}
