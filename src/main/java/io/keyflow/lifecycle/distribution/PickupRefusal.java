package io.keyflow.lifecycle.distribution;

/**
 * A pickup Keyflow refuses; nothing was handed out or recorded as picked up. The message never
 * says whom a package is addressed to or whether it exists when the caller is not its recipient.
 */
public class PickupRefusal extends RuntimeException {

  /** FORBIDDEN (403): wrong, unregistered or revoked certificate, or not over mutual TLS; GONE (410): already picked up or expired; NOT_FOUND (404). */
  public enum Kind {
    FORBIDDEN,
    NOT_FOUND,
    GONE
  }

  private final Kind kind;

  public PickupRefusal(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
