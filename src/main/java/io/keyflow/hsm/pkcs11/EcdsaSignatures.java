package io.keyflow.hsm.pkcs11;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/** CKM_ECDSA signs a caller-made digest and returns r||s; the JDK expects a DER SEQUENCE {r, s}. */
final class EcdsaSignatures {

  private EcdsaSignatures() {}

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }

  static byte[] rawToDer(byte[] raw) {
    int half = raw.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length));
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
          .getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
