package io.keyflow.distribution;

import io.keyflow.shared.Refused;

/**
 * A pickup Keyflow refuses; nothing was handed out or recorded as picked up. The message never says
 * whom a package is addressed to or whether it exists when the caller is not its recipient.
 */
public class PickupRefusal extends Refused {

  /**
   * FORBIDDEN (403): wrong, unregistered or revoked certificate, or not over mutual TLS; GONE
   * (410): already picked up or expired; NOT_FOUND (404).
   */
  public enum Kind {
    FORBIDDEN,
    NOT_FOUND,
    GONE
  }

  public PickupRefusal(Kind kind, String message) {
    super(kind, message);
  }

  public Kind kind() {
    return (Kind) reason();
  }
}
