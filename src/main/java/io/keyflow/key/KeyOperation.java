package io.keyflow.key;

/**
 * What a caller wants to do with a key version. Operations that apply protection (encrypt, wrap,
 * sign, make a MAC) need an ACTIVE version; operations that process protected data (decrypt,
 * unwrap, verify a signature or MAC) also work with a DEACTIVATED one, which is kept exactly for
 * that (NIST SP 800-57 "recipient-usage period").
 */
public enum KeyOperation {
  ENCRYPT("encrypt", true),
  DECRYPT("decrypt", false),
  WRAP("wrap keys", true),
  UNWRAP("unwrap keys", false),
  SIGN("sign", true),
  /** Verify a signature or a MAC tag: processes protected data, so DEACTIVATED versions may. */
  VERIFY("verify", false);

  private final String verb;
  private final boolean appliesProtection;

  KeyOperation(String verb, boolean appliesProtection) {
    this.verb = verb;
    this.appliesProtection = appliesProtection;
  }

  /** The operation in words, e.g. {@code decrypt}, for refusal messages. */
  public String verb() {
    return verb;
  }

  /** Whether the operation protects new data (and so needs an ACTIVE version). */
  public boolean appliesProtection() {
    return appliesProtection;
  }
}
