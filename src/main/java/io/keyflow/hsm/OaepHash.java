package io.keyflow.hsm;

/**
 * Hash used for RSA-OAEP wrapping (and its MGF1). SHA-256 is the default for real HSMs; SoftHSM
 * 2.6.1 supports OAEP with SHA-1 only.
 */
public enum OaepHash {
  SHA1,
  SHA256
}
