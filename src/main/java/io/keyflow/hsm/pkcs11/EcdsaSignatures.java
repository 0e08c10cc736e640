package io.keyflow.hsm.pkcs11;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
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

  /**
   * The r||s form CKM_ECDSA verifies, each half {@code fieldBytes} long, of a DER signature; null
   * when the bytes are not a DER SEQUENCE of two integers that fit (a malformed signature is simply
   * not valid).
   */
  static byte[] derToRaw(byte[] der, int fieldBytes) {
    try {
      ASN1Sequence sequence = ASN1Sequence.getInstance(der);
      if (sequence.size() != 2 || !Arrays.equals(sequence.getEncoded("DER"), der)) {
        return null;
      }
      byte[] raw = new byte[2 * fieldBytes];
      for (int i = 0; i < 2; i++) {
        BigInteger value = ASN1Integer.getInstance(sequence.getObjectAt(i)).getPositiveValue();
        byte[] bytes = value.toByteArray();
        int start = bytes.length > fieldBytes && bytes[0] == 0 ? 1 : 0;
        int length = bytes.length - start;
        if (value.signum() <= 0 || length > fieldBytes) {
          return null;
        }
        System.arraycopy(bytes, start, raw, (i + 1) * fieldBytes - length, length);
      }
      return raw;
    } catch (RuntimeException | IOException e) {
      return null;
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
