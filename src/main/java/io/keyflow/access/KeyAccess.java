package io.keyflow.access;

/**
 * The one question every use of a key by a system asks, at the moment of use: does {@code system}
 * hold a live grant for {@code operation} on key {@code alias}? Asked by the crypto API, KMIP and
 * package pickup alike; a grant revoked on any node is seen by the next call on every node within a
 * second.
 */
public interface KeyAccess {

  /**
   * Returns when the use is granted; otherwise refuses with {@link
   * io.keyflow.shared.Refusal.Kind#NOT_GRANTED} naming what is missing (the system, the key and the
   * operation asked for — never another system's name, never key material). Every answer is counted
   * in the key's usage.
   */
  void require(String system, String alias, AccessOperation operation);
}
