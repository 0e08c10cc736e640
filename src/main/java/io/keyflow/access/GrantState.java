package io.keyflow.access;

/**
 * Where a grant stands. REQUESTED while its approval runs, ACTIVE once approved, and then EXPIRED
 * (its time was up), REVOKED (by an officer) or ENDED (its system was revoked or its key
 * destroyed); REJECTED by an officer, or REFUSED when the checks at activation failed.
 */
public enum GrantState {
  REQUESTED,
  ACTIVE,
  EXPIRED,
  REVOKED,
  ENDED,
  REJECTED,
  REFUSED;

  /** Whether the grant may still become or be active. */
  public boolean isOpen() {
    return this == REQUESTED || this == ACTIVE;
  }
}
