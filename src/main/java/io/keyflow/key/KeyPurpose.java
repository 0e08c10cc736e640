package io.keyflow.key;

import io.keyflow.hsm.KeyRole;

/** What a managed key is for; each purpose has its own policy ({@link KeyPolicy}). */
public enum KeyPurpose {
  DATA_AT_REST,
  DATA_IN_TRANSIT,
  KEY_WRAPPING,
  SIGNING,
  /** Message authentication codes (HMAC-SHA-256): make and check tags, nothing else. */
  MAC;

  /** The vault role, and with it the least-privilege usage attributes, of keys of this purpose. */
  public KeyRole vaultRole() {
    return switch (this) {
      case DATA_AT_REST, DATA_IN_TRANSIT -> KeyRole.DATA_ENCRYPTION;
      case KEY_WRAPPING -> KeyRole.KEY_WRAPPING;
      case SIGNING -> KeyRole.SIGNING;
      case MAC -> KeyRole.MAC;
    };
  }
}
