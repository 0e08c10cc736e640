package io.keyflow.key;

/** What a managed key is for; each purpose has its own policy ({@link KeyPolicy}). */
public enum KeyPurpose {
  DATA_AT_REST,
  DATA_IN_TRANSIT,
  KEY_WRAPPING,
  SIGNING
}
