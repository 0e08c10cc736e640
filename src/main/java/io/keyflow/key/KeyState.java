package io.keyflow.key;

import java.util.EnumSet;
import java.util.Set;

/**
 * NIST SP 800-57 states of a key version. There is no way back: a version only moves forward, and
 * never straight from ACTIVE to DESTROYED.
 */
public enum KeyState {
  PRE_ACTIVE,
  ACTIVE,
  DEACTIVATED,
  COMPROMISED,
  DESTROYED,
  DESTROYED_COMPROMISED;

  /** The states this one may move to. */
  public Set<KeyState> successors() {
    return switch (this) {
      case PRE_ACTIVE -> EnumSet.of(ACTIVE, COMPROMISED, DESTROYED);
      case ACTIVE -> EnumSet.of(DEACTIVATED, COMPROMISED);
      case DEACTIVATED -> EnumSet.of(COMPROMISED, DESTROYED);
      case COMPROMISED -> EnumSet.of(DESTROYED_COMPROMISED);
      case DESTROYED -> EnumSet.of(DESTROYED_COMPROMISED);
      case DESTROYED_COMPROMISED -> EnumSet.noneOf(KeyState.class);
    };
  }

  /** Whether key material still exists for this state. */
  public boolean isLive() {
    return this != DESTROYED && this != DESTROYED_COMPROMISED;
  }

  /** Whether the version may encrypt or wrap. */
  public boolean mayProtect() {
    return this == ACTIVE;
  }

  /** Whether the version may decrypt or unwrap (COMPROMISED only with an officer override). */
  public boolean mayProcess() {
    return this == ACTIVE || this == DEACTIVATED;
  }
}
