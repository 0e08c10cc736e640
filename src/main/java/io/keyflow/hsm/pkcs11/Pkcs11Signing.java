package io.keyflow.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import io.keyflow.hsm.SignatureMechanism;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_PSS_PARAMS;

/**
 * The PKCS#11 form of each {@link SignatureMechanism}, always on a digest made outside the token:
 * CKM_RSA_PKCS_PSS (hash, MGF1 with the same hash, salt length = hash length) on the digest,
 * CKM_RSA_PKCS on the DER DigestInfo, CKM_ECDSA on the digest. Signing digests keeps a message of
 * up to 64 KiB out of the token's single-part call and makes "sign a digest" and "sign a message"
 * one path. SoftHSM 2.6.1 supports all three with SHA-256/384/512 (checked by the vault contract).
 */
final class Pkcs11Signing {

  private Pkcs11Signing() {}

  static Mechanism mechanism(SignatureMechanism mechanism) {
    if (mechanism.isPss()) {
      return new Mechanism(
          CKM_RSA_PKCS_PSS,
          new RSA_PKCS_PSS_PARAMS(hash(mechanism), mgf(mechanism), mechanism.digestLength()));
    }
    return new Mechanism(mechanism.isPkcs1() ? CKM_RSA_PKCS : CKM_ECDSA);
  }

  /** What the token signs: the DigestInfo for PKCS#1 v1.5, the digest itself otherwise. */
  static byte[] input(SignatureMechanism mechanism, byte[] digest) {
    return mechanism.isPkcs1() ? mechanism.digestInfo(digest) : digest;
  }

  private static long hash(SignatureMechanism mechanism) {
    return switch (mechanism.digestLength()) {
      case 32 -> CKM_SHA256;
      case 48 -> CKM_SHA384;
      default -> CKM_SHA512;
    };
  }

  private static long mgf(SignatureMechanism mechanism) {
    return switch (mechanism.digestLength()) {
      case 32 -> CKG_MGF1_SHA256;
      case 48 -> CKG_MGF1_SHA384;
      default -> CKG_MGF1_SHA512;
    };
  }
}
