package io.keyflow.hsm;

import java.util.ArrayList;
import java.util.List;

/**
 * The usage attributes of one vault object: CKA_ENCRYPT, CKA_DECRYPT, CKA_WRAP, CKA_UNWRAP,
 * CKA_SIGN, CKA_VERIFY and CKA_DERIVE in PKCS#11 terms. An attribute the object class does not have
 * (CKA_SIGN on a public key, say) reads as false.
 */
public record UsageAttributes(
    boolean encrypt,
    boolean decrypt,
    boolean wrap,
    boolean unwrap,
    boolean sign,
    boolean verify,
    boolean derive) {

  /** No usage at all. */
  public static final UsageAttributes NONE =
      new UsageAttributes(false, false, false, false, false, false, false);

  /**
   * The attributes that are true, in words as {@code pkcs11-tool} prints them, e.g. {@code encrypt,
   * decrypt}.
   */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    add(names, encrypt, "encrypt");
    add(names, decrypt, "decrypt");
    add(names, sign, "sign");
    add(names, verify, "verify");
    add(names, wrap, "wrap");
    add(names, unwrap, "unwrap");
    add(names, derive, "derive");
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static void add(List<String> names, boolean set, String name) {
    if (set) {
      names.add(name);
    }
  }
}
