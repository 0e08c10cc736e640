package io.keyflow.distribution;

/**
 * A package is HELD for pickup until it is PICKED_UP (once), EXPIRED or WITHDRAWN (its version was
 * reported compromised); each erases the wrapped bytes.
 */
public enum PackageState {
  HELD,
  PICKED_UP,
  EXPIRED,
  WITHDRAWN
}
