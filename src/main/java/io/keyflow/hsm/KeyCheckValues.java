package io.keyflow.hsm;

import io.keyflow.shared.Sha256;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key check values as every Keyflow backend computes them, so that a KCV recorded from one vault
 * can be compared with one computed anywhere else (a recipient, an auditor, the other backend).
 *
 * <p>Format: the first 3 bytes as 6 lowercase hex digits. AES: AES-ECB over one zero block (equal
 * to PKCS#11 CKA_CHECK_VALUE). HMAC keys: HMAC-SHA-256 over one zero block. Key pairs: SHA-256 over
 * the public key's X.509 SubjectPublicKeyInfo encoding, because PKCS#11 defines no check value for
 * asymmetric keys.
 */
public final class KeyCheckValues {

  private static final HexFormat HEX = HexFormat.of();

  private KeyCheckValues() {}

  /** KCV of a raw AES key. */
  public static String ofAesKey(byte[] key) {
    try {
      Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      return ofCheckValue(ecb.doFinal(new byte[16]));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is unavailable in this JVM", e);
    }
  }

  /**
   * KCV of a raw HMAC key: HMAC-SHA-256 over one zero block (16 bytes), the same construction as
   * the AES check value with the key's own function, so a token computes it with C_Sign.
   */
  public static String ofHmacKey(byte[] key) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return ofCheckValue(mac.doFinal(new byte[16]));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is unavailable in this JVM", e);
    }
  }

  /** KCV of a key pair, from its public key. */
  public static String ofPublicKey(PublicKey publicKey) {
    return ofCheckValue(Sha256.digest(publicKey.getEncoded()));
  }

  /** The first 3 bytes of a check value (e.g. CKA_CHECK_VALUE) in Keyflow's KCV format. */
  public static String ofCheckValue(byte[] checkValue) {
    if (checkValue.length < 3) {
      throw new IllegalArgumentException("a check value has at least 3 bytes");
    }
    return HEX.formatHex(checkValue, 0, 3);
  }
}
