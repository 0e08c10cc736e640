package io.keyflow.lifecycle.distribution;

/** A package is HELD for pickup until it is PICKED_UP (once) or EXPIRED; both erase the wrapped bytes. */
public enum PackageState {
  HELD,
  PICKED_UP,
  EXPIRED
}
